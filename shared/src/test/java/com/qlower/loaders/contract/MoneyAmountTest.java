package com.qlower.loaders.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.FloatNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Money of the contract, as integer cents, exactly: never through a binary float. */
class MoneyAmountTest {

    @ParameterizedTest(name = "{0} -> {1} cents")
    @CsvSource(delimiter = '|', value = {
            "\"1246.00\"          | 124600",
            "\"-1246\"            | -124600",
            "95                   | 9500",
            "-8.9                 | -890",
            "\"-8.9\"             | -890",
            "780.5                | 78050",
            "-412.80              | -41280",
            "\"1150.00\"          | 115000",
            "\"0.1\"              | 10",
            "0.01                 | 1",
            "\"-0.5\"             | -50",
            "0                    | 0",
            "\"0.00\"             | 0",
            "12.340               | 1234",
            "1E+2                 | 10000",
            "9999999999999.99     | 999999999999999",
            "\"-9999999999999.99\" | -999999999999999",
    })
    void toCents_isExact_forNumbersAndDecimalStrings(String json, long cents) {
        JsonNode amount = json(json);

        assertThat(MoneyAmount.check(amount)).isNull();
        assertThat(MoneyAmount.toCents(amount)).isEqualTo(cents);
    }

    @ParameterizedTest(name = "{0} -> {1} cents")
    @CsvSource({
            // each of these is off by one cent when multiplied by 100 as a double and truncated
            "1.15, 115",
            "4.35, 435",
            "0.29, 29",
            "1.13, 113",
            "8.20, 820",
            "-19.99, -1999",
            "0.57, 57",
            "64.1, 6410",
            "17.99, 1799",
    })
    void toCents_neverLosesACent_whereBinaryFloatsWould(String json, long cents) {
        assertThat((long) (Double.parseDouble(json) * 100)).as("the float way").isNotEqualTo(cents);

        assertThat(MoneyAmount.toCents(json(json))).isEqualTo(cents);
        assertThat(MoneyAmount.toCents(json("\"" + json + "\""))).isEqualTo(cents);
    }

    @Test
    void toCents_addsUpExactly_wherePointOnePlusPointTwoIsNotPointThreeInFloats() {
        assertThat(0.1 + 0.2).isNotEqualTo(0.3);

        long sum = MoneyAmount.toCents(json("0.1")) + MoneyAmount.toCents(json("0.2"));
        long sumOfStrings = MoneyAmount.toCents(json("\"0.1\"")) + MoneyAmount.toCents(json("\"0.2\""));

        assertThat(sum).isEqualTo(MoneyAmount.toCents(json("0.3"))).isEqualTo(30);
        assertThat(sumOfStrings).isEqualTo(30);
        long tenTimesPointOne = 0;
        for (int i = 0; i < 10; i++) {
            tenTimesPointOne += MoneyAmount.toCents(json("0.1"));
        }
        assertThat(tenTimesPointOne).isEqualTo(MoneyAmount.toCents(json("1"))).isEqualTo(100);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"\"12.345\"", "12.345", "-56.125", "0.001", "\"0.999\""})
    void check_findsTooManyDecimals(String json) {
        assertThat(MoneyAmount.check(json(json))).isEqualTo(MoneyAmount.Problem.TOO_MANY_DECIMALS);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"1e2000000000", "-1e2000000000", "1e14", "\"99999999999999.00\"", "99999999999999",
            "10000000000000", "123456789012345678901234567890.5"})
    void check_findsAmountsBeyondThirteenDigitsOfEuros(String json) {
        assertThat(MoneyAmount.check(json(json))).isEqualTo(MoneyAmount.Problem.OUT_OF_RANGE);
    }

    @Test
    void check_reportsOutOfRange_ratherThanDecimals_forAHugeAmountWithDecimals() {
        assertThat(MoneyAmount.check(json("99999999999999.999"))).isEqualTo(MoneyAmount.Problem.OUT_OF_RANGE);
    }

    @Test
    void check_acceptsThirteenDigitsOfEuros_theLargestStorableAmount() {
        assertThat(MoneyAmount.check(json("9999999999999"))).isNull();
        assertThat(MoneyAmount.check(json("\"9999999999999.99\""))).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"\"1 150,00\"", "\"+95\"", "\"12,50\"", "\"1e3\"", "\"\"", "\"abc\"", "\".5\"",
            "\"5.\"", "true", "{}", "[]", "null"})
    void check_findsWhatIsNotAnAmount(String json) {
        assertThat(MoneyAmount.check(json(json))).isEqualTo(MoneyAmount.Problem.NOT_A_NUMBER);
    }

    @Test
    void check_refusesAnAmountThatWasAlreadyABinaryFloat() {
        assertThat(MoneyAmount.check(DoubleNode.valueOf(0.1))).isEqualTo(MoneyAmount.Problem.NOT_A_NUMBER);
        assertThat(MoneyAmount.check(FloatNode.valueOf(12.5f))).isEqualTo(MoneyAmount.Problem.NOT_A_NUMBER);
    }

    @Test
    void check_refusesADecimalStringLongerThanTheNumberLimit() {
        String longest = "1".repeat(ContractJson.MAX_NUMBER_LENGTH + 1);

        assertThat(MoneyAmount.check(TextNode.valueOf(longest))).isEqualTo(MoneyAmount.Problem.NOT_A_NUMBER);
    }

    @Test
    void check_findsNoAmountInAnAbsentField() {
        assertThat(MoneyAmount.check(null)).isEqualTo(MoneyAmount.Problem.NOT_A_NUMBER);
    }

    @Test
    void toCents_refusesWhatCheckRefuses() {
        assertThatThrownBy(() -> MoneyAmount.toCents(json("12.345"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TOO_MANY_DECIMALS");
        assertThatThrownBy(() -> MoneyAmount.toCents(json("1e2000000000")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("OUT_OF_RANGE");
        assertThatThrownBy(() -> MoneyAmount.toCents(BooleanNode.TRUE)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NOT_A_NUMBER");
    }

    @Test
    void toCentsOrNull_givesNullForAnAbsentOrNullAmount_andCentsOtherwise() {
        assertThat(MoneyAmount.toCentsOrNull(null)).isNull();
        assertThat(MoneyAmount.toCentsOrNull(NullNode.getInstance())).isNull();
        assertThat(MoneyAmount.toCentsOrNull(json("\"13875.50\""))).isEqualTo(1387550L);
        assertThat(MoneyAmount.toCentsOrNull(json("1450"))).isEqualTo(145000L);
    }

    /** Parsed as partner files are: numbers stay exact BigDecimals. */
    private static JsonNode json(String text) {
        try {
            return ContractJson.partnerFileMapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
