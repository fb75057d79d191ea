package dev.tviews.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class YamlConfigReaderTest {

    @Test
    void readsEveryKey() {
        TViewsConfig config = YamlConfigReader.read("""
                runtimeSchema: tviews
                schemas: [public, blog]
                include: ["post*", user]
                exclude: audit_*, blog.tmp?
                failOnError: false
                entities:
                  post:
                    select: SELECT pk_post, jsonb_build_object('title', title) AS data FROM tb_post
                    fkColumns: [fk_user, author=user]
                    options: {full_refresh: [public.tb_tag], mode: sync, "n": 1, f: 1.5, b: true, z: null}
                  blog.comment:
                    fkColumns: fk_post
                """, "tviews.yml");

        assertThat(config.runtimeSchema()).isEqualTo("tviews");
        assertThat(config.schemas()).containsExactly("public", "blog");
        assertThat(config.include()).containsExactly("post*", "user");
        assertThat(config.exclude()).containsExactly("audit_*", "blog.tmp?");
        assertThat(config.failOnError()).isFalse();
        assertThat(config.entities()).containsOnlyKeys("post", "blog.comment");
        EntityConfig post = config.entities().get("post");
        assertThat(post.select()).startsWith("SELECT pk_post");
        assertThat(post.fkColumns()).containsExactly("fk_user", "author=user");
        assertThat(post.optionsJson())
                .isEqualTo("{\"full_refresh\":[\"public.tb_tag\"],\"mode\":\"sync\",\"n\":1,\"f\":1.5,\"b\":true,\"z\":null}");
        assertThat(config.entities().get("blog.comment")).isEqualTo(new EntityConfig(null, List.of("fk_post"), null));
        assertThat(config.entities().get("blog.comment").optionsJson()).isEqualTo("{}");
    }

    @Test
    void anEmptyFileOrNullValuesSetNothing() {
        assertThat(YamlConfigReader.read("", "tviews.yml")).isEqualTo(TViewsConfig.empty());
        assertThat(YamlConfigReader.read("# only a comment\n", "tviews.yml")).isEqualTo(TViewsConfig.empty());
        assertThat(YamlConfigReader.read("schemas:\nfailOnError: ~\n", "tviews.yml")).isEqualTo(TViewsConfig.empty());
    }

    @Test
    void malformedYamlNamesTheFileAndLine() {
        assertThatThrownBy(() -> YamlConfigReader.read("schemas: [public\nfailOnError: true\n", "conf/tviews.yml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("conf/tviews.yml is not valid YAML: ")
                .hasMessageContaining("line 2")
                .hasMessageNotContaining("\n");
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                // unknown keys name the key and the allowed ones
                arguments("failOnError: true\nschema: public\n", "t.yml, line 2: unknown key 'schema' (did you mean "
                        + "schemas?); allowed keys at the top level: runtimeSchema, schemas, include, exclude, failOnError, entities."),
                arguments("entities:\n  post:\n    fk_columns: [fk_user]\n", "t.yml, line 3: unknown key "
                        + "'entities.post.fk_columns' (did you mean fkColumns?); allowed keys of entities.post: select, fkColumns, options."),
                // wrong types name the key and the expected type
                arguments("failOnError: maybe\n", "t.yml, line 1: failOnError must be true or false, got string 'maybe'."),
                arguments("schemas: {a: b}\n", "t.yml, line 1: schemas must be a list of schema names, got a mapping."),
                arguments("runtimeSchema: [a, b]\n", "t.yml, line 1: runtimeSchema must be a schema name (a string), got a list."),
                arguments("entities: [post]\n", "t.yml, line 1: entities must be a mapping of entity name to "
                        + "{select, fkColumns, options}, got a list."),
                arguments("entities:\n  post:\n    options: full\n", "t.yml, line 3: entities.post.options must be a mapping "
                        + "such as {full_refresh: [schema.table], mode: sync}, got string 'full'."),
                arguments("entities:\n  post:\n    select: {a: 1}\n",
                        "t.yml, line 3: entities.post.select must be one SELECT statement (a string), got a mapping."),
                arguments("entities:\n  post:\n",
                        "t.yml, line 2: entities.post is empty: give it at least one of select, fkColumns, options."),
                arguments("- a\n- b\n", "t.yml, line 1: the top level must be a mapping of runtimeSchema, schemas, include, "
                        + "exclude, failOnError, entities, got a list."),
                arguments("schemas: [public, [nested]]\n", "t.yml, line 1: schemas must be a list of schema names; this item is a list."),
                // duplicate keys, bad entity names and bad patterns
                arguments("schemas: [a]\nschemas: [b]\n", "t.yml, line 2: key schemas appears twice in the top level."),
                arguments("entities:\n  tv-post:\n    fkColumns: [a]\n", "t.yml, line 2: entities.tv-post is not an entity name: "
                        + "use the name after tv_ (letters, digits, underscore), optionally schema-qualified (blog.post)."),
                arguments("exclude: [\"post;drop\"]\n", "t.yml, line 1: exclude pattern 'post;drop' is not a glob over entity "
                        + "names: use letters, digits, underscore, * and ?, optionally schema.entity."));
    }

    @ParameterizedTest
    @MethodSource("refusals")
    void refusalsNameTheFileLineAndKeyAndSayWhatIsAllowed(String yaml, String message) {
        assertThatThrownBy(() -> YamlConfigReader.read(yaml, "t.yml")).isInstanceOf(ConfigException.class).hasMessage(message);
    }

    @Test
    void optionsKeepNestedStructure() {
        TViewsConfig config = YamlConfigReader.read("""
                entities:
                  post:
                    options:
                      full_refresh:
                        - public.tb_tag
                        - "public.tb_\\"odd\\""
                """, "t.yml");
        assertThat(config.entities().get("post").options()).isEqualTo(Map.of("full_refresh", List.of("public.tb_tag", "public.tb_\"odd\"")));
        assertThat(config.entities().get("post").optionsJson()).isEqualTo("{\"full_refresh\":[\"public.tb_tag\",\"public.tb_\\\"odd\\\"\"]}");
    }
}
