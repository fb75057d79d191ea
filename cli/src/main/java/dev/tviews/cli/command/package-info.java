/**
 * The subcommands of {@code tviews}, one class each. Each writes its result on stdout (a table, or JSON with
 * {@code --json}) and returns its exit code; failures are thrown and reported by the tool in one line.
 */
package dev.tviews.cli.command;
