// Starts the embedded PostgreSQL the invoked build migrates; postbuild.groovy checks the result and stops it.
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres
import java.time.Duration

def pg = EmbeddedPostgres.builder()
        .setPort(Integer.parseInt(port as String))
        .setPGStartupWait(Duration.ofSeconds(120))
        .setLocaleConfig('locale', 'C')
        .start()
System.getProperties().put('tviews.it.embedded', pg)
println "Embedded PostgreSQL for the Flyway Maven plugin run on port ${pg.port}"
return true
