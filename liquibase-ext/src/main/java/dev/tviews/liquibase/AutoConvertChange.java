package dev.tviews.liquibase;

import liquibase.change.ChangeMetaData;
import liquibase.change.DatabaseChange;

/**
 * {@code autoConvert}: the short name of {@link AutoConvertTViewsChange}, so that
 * {@code <tviews:autoConvert/>} works (Liquibase finds change types by element name alone).
 */
@DatabaseChange(name = "autoConvert",
        description = "Short name of autoConvertTViews: converts every tv_<entity> table of a schema into a TVIEW.",
        priority = ChangeMetaData.PRIORITY_DEFAULT)
public class AutoConvertChange extends AutoConvertTViewsChange {
}
