/**
 * The {@code tviews} command-line tool: {@link dev.tviews.cli.TViewsCli} is the entry point; the subcommands
 * are in {@link dev.tviews.cli.command}. Results go to stdout (aligned tables, or one JSON document with
 * {@code --json}), progress and errors to stderr; exit codes 0 (ok), 1 (the operation failed), 2 (usage).
 *
 * <p>Stability: the command line (commands, options, exit codes, JSON keys) is the interface; the Java classes
 * are internal.
 */
package dev.tviews.cli;
