package dev.tviews.common.operations;

/**
 * One row of {@code pg_tviews_verify}: how a TVIEW differs from its view.
 *
 * @param entity        the entity name
 * @param missingRows   rows the view yields and the table lacks
 * @param extraRows     rows the table has and the view doesn't yield
 * @param differingRows rows present in both whose content differs
 */
public record VerifyResult(String entity, long missingRows, long extraRows, long differingRows) {

    /** Whether the TVIEW equals its view. */
    public boolean exact() {
        return missingRows == 0 && extraRows == 0 && differingRows == 0;
    }
}
