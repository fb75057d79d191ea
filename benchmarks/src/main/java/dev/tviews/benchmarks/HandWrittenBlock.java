package dev.tviews.benchmarks;

/**
 * A part of a generated report that people write by hand: the text between {@code start} and {@code end}, carried
 * over from the previous report by each run.
 *
 * @param placeholder the text of a report that has no such block yet
 */
record HandWrittenBlock(String start, String end, String placeholder) {

    /** The block's text in {@code previous} (a report, or {@code null}), or the placeholder when it has none. */
    String textIn(String previous) {
        if (previous != null) {
            int s = previous.indexOf(start);
            int e = previous.indexOf(end);
            if (s >= 0 && e > s) {
                return previous.substring(s + start.length(), e).strip();
            }
        }
        return placeholder;
    }
}
