package dev.tviews.liquibase;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Checksums of tviews changes: the same in XML, YAML and JSON, the same on every parse, and pinned, so
 * a change of property names or SQL normalization that would invalidate applied changeSets is caught.
 */
class ChecksumTest {

    @Test
    void sameInEveryFormatAndOnEveryRun() throws Exception {
        Map<String, String> xml = Liquibases.checksums("e2e/blog/changeLog.xml");
        Map<String, String> yaml = Liquibases.checksums("e2e/blog/changeLog.yaml");
        Map<String, String> json = Liquibases.checksums("e2e/blog/changeLog.json");
        for (String id : new String[] {"4-convert", "5-post-feed", "6-refresh"}) {
            assertThat(yaml.get(id)).as("YAML checksum of %s", id).isEqualTo(xml.get(id));
            assertThat(json.get(id)).as("JSON checksum of %s", id).isEqualTo(xml.get(id));
        }
        assertThat(Liquibases.checksums("e2e/blog/changeLog.xml")).isEqualTo(xml);
        assertThat(Liquibases.checksums("e2e/blog/changeLog.yaml")).isEqualTo(yaml);
    }

    @Test
    void pinned() throws Exception {
        Map<String, String> sums = Liquibases.checksums("e2e/blog/changeLog.xml");
        System.out.println("checksums of e2e/blog/changeLog.xml: " + sums);
        assertThat(sums).containsEntry("4-convert", PINNED_CONVERT)
                .containsEntry("5-post-feed", PINNED_POST_FEED)
                .containsEntry("6-refresh", PINNED_REFRESH);
    }

    private static final String PINNED_CONVERT = "9:1534fcd5a9b45fba1070471ce95024f1";
    private static final String PINNED_POST_FEED = "9:bf277e3b167a761988134ea1dd13a8a1";
    private static final String PINNED_REFRESH = "9:24440546f3bb0945016c77136ffff980";
}
