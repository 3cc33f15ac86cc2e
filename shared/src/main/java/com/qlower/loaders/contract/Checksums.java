package com.qlower.loaders.contract;

import java.math.BigInteger;

/** Check digits of French and European identifiers. */
public final class Checksums {

    private static final BigInteger NINETY_SEVEN = BigInteger.valueOf(97);

    private Checksums() {
    }

    /** ISO 13616 IBAN: country and check digits moved to the end, letters as numbers, mod 97 = 1. */
    public static boolean isValidIban(String iban) {
        String compact = iban.replace(" ", "");
        if (compact.length() < 15 || compact.length() > 34) {
            return false;
        }
        String rearranged = compact.substring(4) + compact.substring(0, 4);
        StringBuilder digits = new StringBuilder(rearranged.length() * 2);
        for (char c : rearranged.toCharArray()) {
            if (c >= '0' && c <= '9') {
                digits.append(c);
            } else if (c >= 'A' && c <= 'Z') {
                digits.append(c - 'A' + 10);
            } else {
                return false;
            }
        }
        return new BigInteger(digits.toString()).mod(NINETY_SEVEN).intValue() == 1;
    }

    /** SIREN: 9 digits whose Luhn sum is a multiple of 10. */
    public static boolean isValidSiren(String siren) {
        if (siren.length() != 9 || !siren.chars().allMatch(Character::isDigit)) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            int digit = siren.charAt(i) - '0';
            if (i % 2 == 1) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
        }
        return sum % 10 == 0;
    }
}
