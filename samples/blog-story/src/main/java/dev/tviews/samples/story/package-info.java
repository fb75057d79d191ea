/**
 * What the two blog samples share: the command line ({@link dev.tviews.samples.story.SampleOptions}), the database
 * they run on ({@link dev.tviews.samples.story.SampleDatabase}), the story told once the blog is migrated
 * ({@link dev.tviews.samples.story.BlogStory}) and how it is printed. A sample supplies only its
 * {@link dev.tviews.samples.story.Migration} and hands it to {@link dev.tviews.samples.story.SampleRunner}.
 * Sample code, not a library: it may change with the samples.
 */
package dev.tviews.samples.story;
