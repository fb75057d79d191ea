package dev.tviews.common.config;

import java.util.regex.Pattern;

/**
 * The shape of include/exclude patterns, checked when settings are read so that a typo fails before any migration
 * runs. Matching them is the runtime's job ({@code pg_tviews_auto_convert}), which checks the same shape.
 */
public final class EntityPatterns {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_*?]+(\\.[A-Za-z0-9_*?]+)?");

    private EntityPatterns() {
    }

    /** Whether a pattern is well-formed: letters, digits, underscores, {@code *}, {@code ?}, at most one dot. */
    public static boolean isValid(String pattern) {
        return pattern != null && VALID.matcher(pattern).matches();
    }
}
