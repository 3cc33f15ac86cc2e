package com.qlower.loaders.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The one way every {@code ./loaders} command reads its arguments, and the one line it says when they are wrong. */
class CommandArgumentsTest {

    private static final Set<String> VALUED = Set.of("--state-dir", "--db-url", "--email");
    private static final Set<String> FLAGGED = Set.of("--json");

    @Test
    void optionsFlagsAndPositionals_areReadInAnyOrder() {
        CommandArguments given = CommandArguments.parse(List.of("a.json", "--json", "--state-dir", "s", "b.json",
                "--db-url", "jdbc:postgresql://h/db"), VALUED, FLAGGED);

        assertThat(given.positionals()).containsExactly("a.json", "b.json");
        assertThat(given.flag("--json")).isTrue();
        assertThat(given.stateDir()).isEqualTo(Path.of("s"));
        assertThat(given.dbUrl()).isEqualTo("jdbc:postgresql://h/db");
    }

    @Test
    void anOptionNotGiven_hasNoValue_andTheStateFolderItsDefault() {
        CommandArguments given = CommandArguments.parse(List.of(), VALUED, FLAGGED);

        assertThat(given.dbUrl()).isNull();
        assertThat(given.flag("--json")).isFalse();
        assertThat(given.values("--email")).isEmpty();
        assertThat(given.stateDir()).isEqualTo(Path.of(".loaders"));
    }

    @Test
    void anOptionGivenTwice_countsItsLastValue_andKeepsEach() {
        CommandArguments given = CommandArguments.parse(List.of("--email", "a@x.example", "--email", "b@x.example"),
                VALUED);

        assertThat(given.value("--email")).isEqualTo("b@x.example");
        assertThat(given.values("--email")).containsExactly("a@x.example", "b@x.example");
    }

    @Test
    void theWordAfterAnOptionThatTakesAValue_isItsValue_whateverItLooksLike() {
        CommandArguments given = CommandArguments.parse(List.of("--db-url", "--json", "-5"), VALUED, FLAGGED);

        assertThat(given.dbUrl()).isEqualTo("--json");
        assertThat(given.flag("--json")).isFalse();
        assertThat(given.positionals()).containsExactly("-5");
    }

    @Test
    void anUnknownOption_aMissingValue_andAnArgumentTooMany_areNamedInOneLine() {
        assertThatThrownBy(() -> CommandArguments.parse(List.of("x", "--since", "yesterday"), VALUED))
                .isInstanceOf(CommandArguments.UsageError.class).hasMessage("unknown option --since");
        assertThatThrownBy(() -> CommandArguments.parse(List.of("--state-dir"), VALUED))
                .isInstanceOf(CommandArguments.UsageError.class).hasMessage("--state-dir needs a value");
        assertThatThrownBy(() -> CommandArguments.parse(List.of("--json", "x"), VALUED))
                .hasMessage("unknown option --json");
        assertThatThrownBy(() -> CommandArguments.parse(List.of("verify", "extra", "more"), VALUED).positionals(1))
                .isInstanceOf(CommandArguments.UsageError.class).hasMessage("unexpected argument extra");
    }

    @Test
    void aRefusal_isTheProblem_thenTheUsage_andExitsTwo() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = CommandArguments.refuse(new PrintStream(err, true, StandardCharsets.UTF_8),
                "unknown option --since", "usage: ./loaders audit verify");

        assertThat(status).isEqualTo(LoadersCommand.USAGE_OR_INFRASTRUCTURE);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .isEqualTo("unknown option --since\n\nusage: ./loaders audit verify\n");
    }
}
