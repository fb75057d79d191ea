package dev.tviews.benchmarks;

import java.util.Locale;
import java.util.Optional;

/** Number formats shared by the progress log and the reports. */
final class Format {

    private Format() {
    }

    /** A duration given in microseconds, in the unit that reads best. */
    static String micros(double us) {
        if (us < 1_000) {
            return String.format(Locale.ROOT, "%.0f µs", us);
        }
        if (us < 1_000_000) {
            return String.format(Locale.ROOT, "%.1f ms", us / 1_000);
        }
        return String.format(Locale.ROOT, "%.2f s", us / 1_000_000);
    }

    static String ratio(double r) {
        return String.format(Locale.ROOT, "%.2fx", r);
    }

    static String ratio(Optional<Double> r) {
        return r.map(Format::ratio).orElse("—");
    }

    static String number(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    static String progress(ScenarioResult r) {
        StringBuilder line = new StringBuilder(String.format("%-14s", r.id()));
        for (Variant v : Variant.values()) {
            r.stats(v).ifPresent(s -> line.append("  ").append(v.label()).append(' ').append(micros(s.median())));
        }
        r.ratioToRaw(Variant.TVIEWS).ifPresent(x -> line.append("  tviews/raw ").append(ratio(x)));
        r.extraMicrosPerDependent().ifPresent(x -> line.append(String.format(Locale.ROOT, "  %.1f µs/dependent row", x)));
        return line.toString();
    }
}
