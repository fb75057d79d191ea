package dev.tviews.liquibase;

import static dev.tviews.testsupport.Jdbc.column;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tviews.testsupport.PostgresTest;
import dev.tviews.testsupport.TestServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** dropTView of an entity nobody registered: skipped with ifExists, the runtime's 42704 error without. */
@PostgresTest
class DropTViewTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"xml", "yaml", "json"})
    void unknownEntityFailsWithTheRuntimesMessage(String format, TestServer server) throws Exception {
        String changeLog = "e2e/drop-unknown/changeLog." + format;
        try (ScratchDatabase scratch = ScratchDatabase.create(server, "drop_" + format)) {
            assertThatThrownBy(() -> Liquibases.update(scratch.database(), changeLog))
                    .hasMessageContaining(changeLog + "::2-drop::test")
                    .hasMessageContaining("tviews: TVIEW 'nosuch' is not registered")
                    .hasMessageContaining("SELECT entity_name FROM pg_tview_meta lists the registered TVIEWs");
            assertThat(column(scratch.database(), "SELECT id FROM databasechangelog ORDER BY orderexecuted"))
                    .containsExactly("1-drop-if-exists");
        }
    }
}
