package com.qlower.loaders.transformer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.qlower.loaders.contract.ContractJson;
import com.qlower.loaders.contract.Loader;
import com.qlower.loaders.contract.Mode;
import com.qlower.loaders.domain.Transaction;
import com.qlower.loaders.domain.Transaction.CategorySource;
import com.qlower.loaders.domain.TransactionCategory;
import com.qlower.loaders.errors.ErrorCode;
import com.qlower.loaders.errors.FileError;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * A transaction's category as the mapper reads it: one the contract knows is given; the partner's own word is
 * kept beside the category inferred from the label, with a warning; none is inferred, with a warning.
 */
class RecordMapperCategoryTest {

    private static final RecordMapper MAPPER = new RecordMapper(LocalDate.of(2026, 11, 30), Mode.DELTA, null);

    @Test
    void aKnownCategory_isGiven_andNoPartnerCategoryIsKept() {
        RecordMapper.Mapped mapped = MAPPER.map(Loader.TRANSACTIONS, 0, transaction("loan_interest"));

        Transaction transaction = (Transaction) mapped.record();
        assertThat(transaction.category()).isEqualTo(TransactionCategory.LOAN_INTEREST);
        assertThat(transaction.categorySource()).isEqualTo(CategorySource.GIVEN);
        assertThat(transaction.partnerCategory()).isNull();
        assertThat(mapped.warnings()).isEmpty();
    }

    @Test
    void thePartnersOwnCategory_isKept_besideTheOneInferredFromTheLabel_withAWarning() {
        RecordMapper.Mapped mapped = MAPPER.map(Loader.TRANSACTIONS, 6, transaction("loan"));

        Transaction transaction = (Transaction) mapped.record();
        assertThat(mapped.errors()).isEmpty();
        assertThat(transaction.partnerCategory()).isEqualTo("loan");
        assertThat(transaction.category()).isEqualTo(TransactionCategory.LOAN_REPAYMENT);
        assertThat(transaction.categorySource()).isEqualTo(CategorySource.INFERRED);
        assertThat(transaction.accountCode()).isEqualTo("164000");
        assertThat(mapped.warnings()).singleElement().satisfies(w -> {
            assertThat(w.code()).isEqualTo(ErrorCode.CATEGORY_UNKNOWN);
            assertThat(w.pointer()).isEqualTo("/records/6/category");
            assertThat(w.value()).isEqualTo("loan");
            assertThat(w.message().en()).contains("'loan'", "'loan_repayment' inferred", "rent, condo_fees");
            assertThat(w.message().fr()).contains("« loan »", "« loan_repayment » déduite");
        });
    }

    @Test
    void aCategoryInAnotherCase_isThePartnersOwnWord_notGuessed() {
        Transaction transaction = (Transaction) MAPPER.map(Loader.TRANSACTIONS, 0, transaction("Rent")).record();

        assertThat(transaction.partnerCategory()).isEqualTo("Rent");
        assertThat(transaction.categorySource()).isEqualTo(CategorySource.INFERRED);
    }

    @Test
    void noCategory_isInferred_withItsOwnWarning() {
        ObjectNode json = transaction("loan_interest");
        json.remove("category");

        RecordMapper.Mapped mapped = MAPPER.map(Loader.TRANSACTIONS, 0, json);

        assertThat(((Transaction) mapped.record()).partnerCategory()).isNull();
        assertThat(mapped.warnings()).extracting(FileError::code).containsExactly(ErrorCode.CATEGORY_INFERRED);
    }

    private static ObjectNode transaction(String category) {
        ObjectNode json = ContractJson.partnerFileMapper().createObjectNode();
        json.put("external_id", "LS-MVT-1").put("property_external_id", "LS-LOT-1")
                .put("booked_on", "2026-11-05").put("value_date", "2026-11-05").put("amount", "-412.80")
                .put("currency", "EUR").put("label", "PRLV ECHEANCE PRET IMMO 0042")
                .put("counterparty", "Banque Populaire").put("category", category);
        return json;
    }
}
