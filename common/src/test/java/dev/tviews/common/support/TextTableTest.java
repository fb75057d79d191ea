package dev.tviews.common.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tviews.common.support.TextTable;
import org.junit.jupiter.api.Test;

/** Aligned columns, numbers on the right, and a row of the wrong size refused. */
class TextTableTest {

    @Test
    void columnsAreAsWideAsTheirWidestCellAndNumbersAlignRight() {
        TextTable table = TextTable.of("entity", "rows", "time").withRule().row("comment", 12, "3.5 ms").row("post", 7, null);

        assertThat(table.lines()).containsExactly(
                "entity   rows  time",
                "-------  ----  ------",
                "comment    12  3.5 ms",
                "post        7");
    }

    @Test
    void aRowMustHaveACellPerColumn() {
        assertThatThrownBy(() -> TextTable.of("a", "b").withRule().row("only one"))
                .hasMessageContaining("needs 2 cells, got [only one]");
    }
}
