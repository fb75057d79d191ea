// The changelog checks the database itself (preconditions); here: Liquibase ran the tviews changes.
def log = new File(basedir, 'build.log').text
assert log.contains('tviews auto-convert of schema public')
assert log.contains('Running Changeset: changelog/changeLog.xml::5-post-feed::blog')
assert log.contains('Running Changeset: changelog/changeLog.xml::8-check-cascade::blog')
assert log.contains('BUILD SUCCESS')
// The second run: only the runAlways conversion ran, and found every TVIEW current.
assert log =~ /Previously run:\s+7/
assert log.contains('post_feed  UNCHANGED')
true
