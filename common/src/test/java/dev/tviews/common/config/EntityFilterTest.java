package dev.tviews.common.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class EntityFilterTest {

    @Test
    void noPatternsIncludeEverything() {
        EntityFilter filter = new EntityFilter(List.of(), List.of());
        assertThat(filter.includesAll()).isTrue();
        assertThat(filter.includes("public", "anything")).isTrue();
    }

    @Test
    void globsMatchWholeNamesAndExcludeWins() {
        EntityFilter filter = new EntityFilter(List.of("post*", "u?er"), List.of("post_archive"));
        assertThat(filter.includes("public", "post")).isTrue();
        assertThat(filter.includes("public", "post_tag")).isTrue();
        assertThat(filter.includes("public", "user")).isTrue();
        assertThat(filter.includes("public", "users")).isFalse();
        assertThat(filter.includes("public", "repost")).isFalse();
        assertThat(filter.includes("public", "post_archive")).isFalse();
        assertThat(filter.reasonExcluded("public", "post_archive")).isEqualTo("excluded by pattern post_archive (exclude)");
        assertThat(filter.reasonExcluded("public", "comment")).isEqualTo("matches no include pattern [post*, u?er]");
    }

    @Test
    void dottedPatternsMatchSchemaAndEntity() {
        EntityFilter filter = new EntityFilter(List.of(), List.of("blog.*"));
        assertThat(filter.includes("blog", "post")).isFalse();
        assertThat(filter.includes("public", "post")).isTrue();
    }

    @Test
    void regexCharactersAreLiteral() {
        assertThat(EntityFilter.isValidPattern("a.b.c")).isFalse();
        assertThat(EntityFilter.isValidPattern("a+b")).isFalse();
        assertThat(EntityFilter.isValidPattern("tb_*")).isTrue();
    }
}
