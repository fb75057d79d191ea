// The tv_ tables were converted by the callback that the Flyway Maven plugin loaded by class name.
def pg = System.getProperties().get('tviews.it.embedded')
try {
    def log = new File(basedir, 'build.log').text
    assert log.contains('tviews: converted schema blog') : 'no tviews summary in build.log'
    assert log.contains('2 unchanged, 1 skipped, 0 errors') : 'the second migrate was not a no-op'
    pg.postgresDatabase.connection.withCloseable { c ->
        def rs = c.createStatement().executeQuery(
                "SELECT string_agg(entity_name, ',' ORDER BY entity_name), (SELECT count(*) FROM blog.tv_post) FROM blog.pg_tview_meta")
        rs.next()
        assert rs.getString(1) == 'post,user'
        assert rs.getLong(2) == 2
        c.createStatement().execute("INSERT INTO blog.tb_user (email, name) VALUES ('m@example.com', 'Maven')")
        rs = c.createStatement().executeQuery("SELECT count(*) FROM blog.tv_user")
        rs.next()
        assert rs.getLong(1) == 3
    }
    return true
} finally {
    pg?.close()
    System.getProperties().remove('tviews.it.embedded')
}
