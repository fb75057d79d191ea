package dev.tviews.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * The pom's version is the only one: the runtime script declares the runtime version derived from it (a snapshot
 * installs its release's runtime), and the XSD name takes its major.minor.
 */
class TViewsVersionTest {

    @Test
    void theRuntimeScriptDeclaresTheVersionDerivedFromThePom() {
        TViewsVersion current = TViewsVersion.current();
        assertThat(current.release()).as("written by the build from the pom").doesNotContain("${");
        assertThat(RuntimeScript.load().text()).doesNotContain(RuntimeScript.VERSION_TOKEN)
                .contains("v_version  constant text := '" + current.runtime() + "'");
    }

    @Test
    void aSnapshotInstallsTheRuntimeOfItsRelease() {
        assertThat(new TViewsVersion("0.4.0-SNAPSHOT").runtime()).isEqualTo("0.4.0");
        assertThat(new TViewsVersion("0.4.0-SNAPSHOT").schema()).isEqualTo("0.4");
        assertThat(new TViewsVersion("1.12.4").runtime()).isEqualTo("1.12.4");
        assertThat(new TViewsVersion("1.12.4-rc.1").runtime()).isEqualTo("1.12.4");
        assertThat(new TViewsVersion("1.12.4").schema()).isEqualTo("1.12");
        assertThat(new RuntimeScript(getClass().getClassLoader(), "9.9.9").text()).contains("v_version  constant text := '9.9.9'");
    }

    @Test
    void aVersionThatIsNoneIsRefused() {
        assertThatThrownBy(() -> new TViewsVersion("${project.version}")).hasMessageContaining("Not a tviews version");
        assertThatThrownBy(() -> new TViewsVersion(null)).hasMessageContaining("Not a tviews version");
    }
}
