package dev.tviews.common.config;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Include/exclude glob patterns over entity names: {@code *} matches any run of characters, {@code ?} one.
 * A pattern with a dot ({@code blog.post*}) is matched against {@code schema.entity}, others against the
 * entity name alone. No include pattern means every entity is included; exclude wins over include.
 */
public final class EntityFilter {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_*?]+(\\.[A-Za-z0-9_*?]+)?");

    private final List<String> include;
    private final List<String> exclude;
    private final List<Pattern> includePatterns;
    private final List<Pattern> excludePatterns;

    public EntityFilter(List<String> include, List<String> exclude) {
        this.include = List.copyOf(include);
        this.exclude = List.copyOf(exclude);
        this.includePatterns = this.include.stream().map(EntityFilter::compile).toList();
        this.excludePatterns = this.exclude.stream().map(EntityFilter::compile).toList();
    }

    /** Whether a pattern is well-formed: letters, digits, underscores, {@code *}, {@code ?}, at most one dot. */
    public static boolean isValidPattern(String pattern) {
        return pattern != null && VALID.matcher(pattern).matches();
    }

    /** Whether {@code entity} of {@code schema} is converted. */
    public boolean includes(String schema, String entity) {
        boolean included = includePatterns.isEmpty() || matchesAny(includePatterns, include, schema, entity);
        return included && !matchesAny(excludePatterns, exclude, schema, entity);
    }

    /** Why an entity is left out, for the report. */
    public String reasonExcluded(String schema, String entity) {
        for (int i = 0; i < exclude.size(); i++) {
            if (matches(excludePatterns.get(i), exclude.get(i), schema, entity)) {
                return "excluded by pattern " + exclude.get(i) + " (exclude)";
            }
        }
        return "matches no include pattern " + include;
    }

    /** Whether this filter leaves everything in. */
    public boolean includesAll() {
        return include.isEmpty() && exclude.isEmpty();
    }

    private static boolean matchesAny(List<Pattern> patterns, List<String> sources, String schema, String entity) {
        for (int i = 0; i < patterns.size(); i++) {
            if (matches(patterns.get(i), sources.get(i), schema, entity)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(Pattern pattern, String source, String schema, String entity) {
        return pattern.matcher(source.indexOf('.') >= 0 ? schema + "." + entity : entity).matches();
    }

    private static Pattern compile(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }

    @Override
    public String toString() {
        return "include " + include + ", exclude " + exclude;
    }
}
