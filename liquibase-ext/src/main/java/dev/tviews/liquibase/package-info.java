/**
 * Liquibase change types for tviews: {@code createTView}, {@code dropTView}, {@code refreshTView} and
 * {@code autoConvertTViews} (short name {@code autoConvert}), in the XML namespace
 * {@code http://tviews.dev/xml/ns/tviews} (XSD {@code http://tviews.dev/xml/ns/tviews/tviews-latest.xsd},
 * shipped in this jar), and as keys of the same names in YAML and JSON changelogs.
 *
 * <p>Stable: the change type names, their properties and the XSD (checksums depend on them).
 * Internal: every class that is not a change type.
 *
 * <p>Each change installs or upgrades the tviews runtime (cheap when current) in the changelog's
 * default schema before its own SQL, in the changeSet's transaction, then calls the runtime's
 * functions with static SQL, so {@code update-sql} shows what {@code update} runs.
 */
package dev.tviews.liquibase;
