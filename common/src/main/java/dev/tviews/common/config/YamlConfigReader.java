package dev.tviews.common.config;

import dev.tviews.common.support.Errors;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a {@code tviews.yml} into a {@link TViewsConfig}, strictly: an unknown key, a value of the wrong type or
 * a YAML syntax error is a {@link ConfigException} naming the file, the line, the key and what is allowed.
 *
 * <pre>
 * runtimeSchema: public            # schema holding the tviews runtime
 * schemas: [public, blog]          # schemas whose tv_* tables are converted
 * include: ["post*", user]         # glob patterns on entity names (default: all)
 * exclude: [audit_*]
 * failOnError: true                # false: an entity that fails to convert is only a warning
 * entities:
 *   post:
 *     select: SELECT pk_post, jsonb_build_object('id', id, 'title', title) AS data FROM tb_post
 *     fkColumns: [fk_user]
 *     options: {full_refresh: [public.tb_tag]}
 * </pre>
 */
public final class YamlConfigReader {

    /** The keys of an entry under {@code entities}. */
    public static final List<String> ENTITY_KEYS = List.of("select", "fkColumns", "options");

    private static final Pattern ENTITY_NAME = Pattern.compile("([A-Za-z_][A-Za-z0-9_$]*\\.)?[A-Za-z_][A-Za-z0-9_]*");

    private YamlConfigReader() {
    }

    /** Reads a file; {@code source} in messages is its path. */
    public static TViewsConfig read(Path file) {
        try {
            return read(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (NoSuchFileException e) {
            throw new ConfigException("tviews configuration file " + file.toAbsolutePath() + " does not exist.", e);
        } catch (IOException e) {
            throw new ConfigException("Could not read tviews configuration file " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    /** Reads a stream (closed here); {@code source} names it in messages. */
    public static TViewsConfig read(InputStream in, String source) {
        try (in) {
            return read(new String(in.readAllBytes(), StandardCharsets.UTF_8), source);
        } catch (IOException e) {
            throw new ConfigException("Could not read tviews configuration " + source + ": " + e.getMessage(), e);
        }
    }

    /** Parses YAML text; {@code source} names it in messages. An empty document is an empty configuration. */
    public static TViewsConfig read(String yaml, String source) {
        Node root;
        try (Reader reader = new StringReader(yaml)) {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            options.setMaxAliasesForCollections(20);
            root = new Yaml(new SafeConstructor(options)).compose(reader);
        } catch (YAMLException e) {
            throw new ConfigException(source + " is not valid YAML: " + Errors.oneLine(e.getMessage()), e);
        } catch (IOException e) {
            throw new ConfigException("Could not read tviews configuration " + source + ": " + e.getMessage(), e);
        }
        if (root == null || isNull(root)) {
            return TViewsConfig.empty();
        }
        return new Parser(source).config(root);
    }

    private static boolean isNull(Node node) {
        return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
    }

    /** Walks the node tree; keeps the source for messages. */
    private static final class Parser {
        private final String source;

        Parser(String source) {
            this.source = source;
        }

        TViewsConfig config(Node root) {
            MappingNode map = mapping(root, "the top level", "a mapping of " + String.join(", ", TViewsConfig.KEYS));
            String runtimeSchema = null;
            List<String> schemas = null;
            List<String> include = null;
            List<String> exclude = null;
            Boolean failOnError = null;
            Map<String, EntityConfig> entities = null;
            for (NodeTuple t : entries(map, "the top level", TViewsConfig.KEYS)) {
                String key = ((ScalarNode) t.getKeyNode()).getValue();
                Node value = t.getValueNode();
                if (isNull(value)) {
                    continue;
                }
                switch (key) {
                    case "runtimeSchema" -> runtimeSchema = string(value, key, "a schema name");
                    case "schemas" -> schemas = strings(value, key, "a list of schema names");
                    case "include" -> include = patterns(value, key);
                    case "exclude" -> exclude = patterns(value, key);
                    case "failOnError" -> failOnError = bool(value, key);
                    case "entities" -> entities = entities(value);
                    default -> throw new IllegalStateException(key);
                }
            }
            return new TViewsConfig(runtimeSchema, schemas, include, exclude, failOnError, entities);
        }

        private Map<String, EntityConfig> entities(Node node) {
            MappingNode map = mapping(node, "entities", "a mapping of entity name to {select, fkColumns, options}");
            Map<String, EntityConfig> entities = new LinkedHashMap<>();
            for (NodeTuple t : entries(map, "entities", null)) {
                String name = ((ScalarNode) t.getKeyNode()).getValue();
                if (!ENTITY_NAME.matcher(name).matches()) {
                    throw error(t.getKeyNode(), "entities." + name + " is not an entity name: use the name after tv_ "
                            + "(letters, digits, underscore), optionally schema-qualified (blog.post)");
                }
                String path = "entities." + name;
                Node value = t.getValueNode();
                if (isNull(value)) {
                    throw error(value, path + " is empty: give it at least one of " + String.join(", ", ENTITY_KEYS));
                }
                MappingNode entity = mapping(value, path, "a mapping with " + String.join(", ", ENTITY_KEYS));
                String select = null;
                List<String> fkColumns = null;
                Map<String, Object> options = null;
                for (NodeTuple e : entries(entity, path, ENTITY_KEYS)) {
                    String key = ((ScalarNode) e.getKeyNode()).getValue();
                    Node v = e.getValueNode();
                    if (isNull(v)) {
                        continue;
                    }
                    String keyPath = path + "." + key;
                    switch (key) {
                        case "select" -> select = string(v, keyPath, "one SELECT statement");
                        case "fkColumns" -> fkColumns = strings(v, keyPath, "a list of column names (fk_user) or column=entity links");
                        case "options" -> options = options(v, keyPath);
                        default -> throw new IllegalStateException(key);
                    }
                }
                entities.put(name, new EntityConfig(select, fkColumns, options));
            }
            return entities;
        }

        private Map<String, Object> options(Node node, String path) {
            MappingNode map = mapping(node, path, "a mapping such as {full_refresh: [schema.table], mode: sync}");
            @SuppressWarnings("unchecked")
            Map<String, Object> options = (Map<String, Object>) value(map, path);
            return options;
        }

        private Object value(Node node, String path) {
            if (node instanceof MappingNode map) {
                Map<String, Object> out = new LinkedHashMap<>();
                for (NodeTuple t : entries(map, path, null)) {
                    String key = ((ScalarNode) t.getKeyNode()).getValue();
                    out.put(key, value(t.getValueNode(), path + "." + key));
                }
                return out;
            }
            if (node instanceof SequenceNode seq) {
                List<Object> out = new ArrayList<>();
                for (Node item : seq.getValue()) {
                    out.add(value(item, path + "[]"));
                }
                return out;
            }
            ScalarNode scalar = (ScalarNode) node;
            Tag tag = scalar.getTag();
            String text = scalar.getValue();
            if (Tag.NULL.equals(tag)) {
                return null;
            }
            if (Tag.BOOL.equals(tag)) {
                return parseBool(text);
            }
            if (Tag.INT.equals(tag)) {
                try {
                    return Long.valueOf(text.replace("_", ""));
                } catch (NumberFormatException e) {
                    return text;
                }
            }
            if (Tag.FLOAT.equals(tag)) {
                try {
                    double d = Double.parseDouble(text.replace("_", ""));
                    return Double.isFinite(d) ? d : text;
                } catch (NumberFormatException e) {
                    return text;
                }
            }
            return text;
        }

        /** The tuples of a mapping, keys checked: scalars, no duplicates, and (when given) among {@code allowed}. */
        private List<NodeTuple> entries(MappingNode map, String where, List<String> allowed) {
            Set<String> seen = new HashSet<>();
            for (NodeTuple t : map.getValue()) {
                if (!(t.getKeyNode() instanceof ScalarNode keyNode) || Tag.MERGE.equals(t.getKeyNode().getTag())) {
                    throw error(t.getKeyNode(), "keys of " + where + " must be plain names"
                            + (allowed == null ? "" : " (allowed: " + String.join(", ", allowed) + ")"));
                }
                String key = keyNode.getValue();
                if (!seen.add(key)) {
                    throw error(keyNode, "key " + key + " appears twice in " + where);
                }
                if (allowed != null && !allowed.contains(key)) {
                    throw error(keyNode, "unknown key " + qualified(where, key) + suggestion(key, allowed)
                            + "; allowed keys " + (where.equals("the top level") ? "at the top level" : "of " + where)
                            + ": " + String.join(", ", allowed));
                }
            }
            return map.getValue();
        }

        private static String qualified(String where, String key) {
            return where.equals("the top level") ? "'" + key + "'" : "'" + where + "." + key + "'";
        }

        private static String suggestion(String key, List<String> allowed) {
            String simplified = key.replace("_", "").replace("-", "").toLowerCase(Locale.ROOT);
            for (String a : allowed) {
                if (a.toLowerCase(Locale.ROOT).equals(simplified) || a.toLowerCase(Locale.ROOT).equals(simplified + "s")
                        || (a.toLowerCase(Locale.ROOT) + "s").equals(simplified)) {
                    return " (did you mean " + a + "?)";
                }
            }
            return "";
        }

        private MappingNode mapping(Node node, String what, String expected) {
            if (node instanceof MappingNode map) {
                return map;
            }
            throw error(node, what + " must be " + expected + ", got " + describe(node));
        }

        private String string(Node node, String key, String expected) {
            if (node instanceof ScalarNode scalar && !scalar.getValue().isBlank()) {
                return scalar.getValue().strip();
            }
            throw error(node, key + " must be " + expected + " (a string), got " + describe(node));
        }

        /** A list of strings; a single string is taken as a comma-separated list. */
        private List<String> strings(Node node, String key, String expected) {
            List<String> out = new ArrayList<>();
            if (node instanceof ScalarNode scalar && !Tag.BOOL.equals(scalar.getTag())) {
                for (String part : scalar.getValue().split(",")) {
                    if (!part.isBlank()) {
                        out.add(part.strip());
                    }
                }
                return out;
            }
            if (node instanceof SequenceNode seq) {
                for (Node item : seq.getValue()) {
                    if (!(item instanceof ScalarNode s) || s.getValue().isBlank() || Tag.NULL.equals(s.getTag())) {
                        throw error(item, key + " must be " + expected + "; this item is " + describe(item));
                    }
                    out.add(s.getValue().strip());
                }
                return out;
            }
            throw error(node, key + " must be " + expected + ", got " + describe(node));
        }

        private List<String> patterns(Node node, String key) {
            List<String> patterns = strings(node, key, "a list of glob patterns on entity names (post, user_*)");
            for (String p : patterns) {
                if (!EntityPatterns.isValid(p)) {
                    throw error(node, key + " pattern '" + p + "' is not a glob over entity names: use letters, digits, "
                            + "underscore, * and ?, optionally schema.entity");
                }
            }
            return patterns;
        }

        private boolean bool(Node node, String key) {
            if (node instanceof ScalarNode scalar && Tag.BOOL.equals(scalar.getTag())) {
                return parseBool(scalar.getValue());
            }
            throw error(node, key + " must be true or false, got " + describe(node));
        }

        private static boolean parseBool(String text) {
            String t = text.toLowerCase(Locale.ROOT);
            return t.equals("true") || t.equals("yes") || t.equals("on") || t.equals("y");
        }

        private static String describe(Node node) {
            if (node instanceof MappingNode) {
                return "a mapping";
            }
            if (node instanceof SequenceNode) {
                return "a list";
            }
            ScalarNode scalar = (ScalarNode) node;
            if (Tag.NULL.equals(scalar.getTag())) {
                return "nothing";
            }
            String kind = Tag.BOOL.equals(scalar.getTag()) ? "boolean" : Tag.INT.equals(scalar.getTag()) ? "number"
                    : Tag.FLOAT.equals(scalar.getTag()) ? "number" : "string";
            String text = scalar.getValue();
            return kind + " '" + (text.length() > 60 ? text.substring(0, 57) + "..." : text) + "'";
        }

        private ConfigException error(Node node, String message) {
            int line = node.getStartMark() == null ? -1 : node.getStartMark().getLine() + 1;
            return new ConfigException(source + (line > 0 ? ", line " + line : "") + ": " + message + ".");
        }
    }
}
