package dev.tviews.benchmarks;

import java.util.Locale;

/**
 * docs/benchmarks.csv: one line per scale, scenario and database (times in microseconds per transaction),
 * and one per scale, writer count and database for throughput (transactions per second).
 */
final class CsvReport {

    static final String HEADER = "scale,scenario,rows,variant,unit,samples,median,p10,p90,min,max,ratio_to_raw,"
            + "extra_us_per_dependent_row,retries_40001,retries_40P01";

    private CsvReport() {
    }

    static String render(RunResults run) {
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        for (ScaleResults s : run.scales()) {
            for (ScenarioResult r : s.scenarios()) {
                for (Variant v : Variant.values()) {
                    r.stats(v).ifPresent(st -> csv.append(line(s.schema().scale(), r.id(), r.rows().replace(",", ""),
                            v, "us", st, r.ratioToRaw(v).map(x -> Format.number(x, 3)).orElse(""),
                            v == Variant.TVIEWS ? r.extraMicrosPerDependent().map(x -> Format.number(x, 2)).orElse("") : "",
                            "", "")));
                }
            }
            for (ThroughputResult t : s.throughput()) {
                String ratio = t.variant() == Variant.RAW ? "1.000" : s.throughput(t.writers(), Variant.RAW)
                        .map(raw -> Format.number(t.transactionsPerSecond().median()
                                / raw.transactionsPerSecond().median(), 3)).orElse("");
                csv.append(line(s.schema().scale(), "writers_" + t.writers(), "", t.variant(), "tx/s",
                        t.transactionsPerSecond(), ratio, "", String.valueOf(t.serializationRetries()),
                        String.valueOf(t.deadlockRetries())));
            }
        }
        return csv.toString();
    }

    private static String line(int scale, String scenario, String rows, Variant v, String unit, Stats st, String ratio,
                               String perDependent, String retries40001, String retries40P01) {
        return String.join(",", String.valueOf(scale), scenario, rows, v.label(), unit, String.valueOf(st.count()),
                n(st.median()), n(st.p10()), n(st.p90()), n(st.min()), n(st.max()), ratio, perDependent, retries40001,
                retries40P01) + "\n";
    }

    private static String n(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
