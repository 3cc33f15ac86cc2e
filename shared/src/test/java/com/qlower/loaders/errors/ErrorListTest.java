package com.qlower.loaders.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A file's errors: all of them counted, the first thousand listed, so a report stays of bounded size. */
class ErrorListTest {

    @Test
    void of_keepsTheFirstThousandListed_andCountsThemAll() {
        List<FileError> errors = errors(0, 1_500);

        ErrorList list = ErrorList.of(errors);

        assertThat(list.total()).isEqualTo(1_500);
        assertThat(list.first()).hasSize(ErrorList.MAX_LISTED).hasSize(1_000)
                .containsExactlyElementsOf(errors.subList(0, 1_000));
        assertThat(list.isEmpty()).isFalse();
    }

    @Test
    void collector_keepsTheFirstThousandListed_andCountsThemAll() {
        ErrorList.Collector collector = new ErrorList.Collector();
        List<FileError> errors = errors(0, 1_500);

        errors.subList(0, 700).forEach(collector::add);
        collector.addAll(errors.subList(700, 1_500));
        ErrorList list = collector.toList();

        assertThat(collector.total()).isEqualTo(1_500);
        assertThat(list.total()).isEqualTo(1_500);
        assertThat(list.first()).containsExactlyElementsOf(errors.subList(0, 1_000));
    }

    @Test
    void plusList_fillsUpToTheLimit_andCountsTheRest() {
        ErrorList list = ErrorList.of(errors(0, 999));

        ErrorList more = list.plus(errors(999, 5));

        assertThat(more.total()).isEqualTo(1_004);
        assertThat(more.first()).hasSize(1_000);
        assertThat(more.first().get(999)).isEqualTo(error(999));
        assertThat(list.total()).as("unchanged").isEqualTo(999);
    }

    @Test
    void plusErrorList_addsTotals_andListsThisListsErrorsFirst() {
        ErrorList a = ErrorList.of(errors(0, 2));
        ErrorList b = ErrorList.of(errors(2, 3));

        ErrorList sum = a.plus(b);

        assertThat(sum.total()).isEqualTo(5);
        assertThat(sum.first()).containsExactlyElementsOf(errors(0, 5));
    }

    @Test
    void plusErrorList_addsTotals_evenBeyondWhatIsListed() {
        ErrorList a = ErrorList.of(errors(0, 1_500));
        ErrorList b = ErrorList.of(errors(1_500, 1_200));

        ErrorList sum = a.plus(b);

        assertThat(sum.total()).isEqualTo(2_700);
        assertThat(sum.first()).containsExactlyElementsOf(errors(0, 1_000));
        assertThat(b.plus(a).total()).isEqualTo(2_700);
    }

    @Test
    void plusErrorList_countsTheUnlistedErrorsOfTheOtherList() {
        ErrorList small = ErrorList.of(errors(0, 10));
        ErrorList large = ErrorList.of(errors(10, 1_500));

        ErrorList sum = small.plus(large);

        assertThat(sum.total()).isEqualTo(1_510);
        assertThat(sum.first()).containsExactlyElementsOf(errors(0, 1_000));
    }

    @Test
    void plus_ofNothing_changesNothing() {
        ErrorList list = ErrorList.of(errors(0, 3));

        assertThat(list.plus(List.of())).isEqualTo(list);
        assertThat(list.plus(ErrorList.empty())).isEqualTo(list);
        assertThat(ErrorList.empty().plus(list)).isEqualTo(list);
        assertThat(ErrorList.empty().isEmpty()).isTrue();
        assertThat(ErrorList.empty().total()).isZero();
    }

    @Test
    void first_cannotBeChanged_afterTheFact() {
        List<FileError> source = new ArrayList<>(errors(0, 2));
        ErrorList list = new ErrorList(2, source);

        source.add(error(99));

        assertThat(list.first()).hasSize(2);
        assertThatThrownBy(() -> list.first().add(error(100))).isInstanceOf(UnsupportedOperationException.class);
    }

    private static List<FileError> errors(int from, int count) {
        return IntStream.range(from, from + count).mapToObj(ErrorListTest::error).toList();
    }

    private static FileError error(int index) {
        return FileError.ofRecord(ErrorCode.FIELD_MISSING, Message.of("label manque", "label is missing"), index,
                "/label",
                null);
    }
}
