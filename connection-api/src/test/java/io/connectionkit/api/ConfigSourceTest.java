package io.connectionkit.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import org.junit.jupiter.api.Test;

class ConfigSourceTest {

    @Test
    void aFileLineReadsAsFileColonLine() {
        assertThat(ConfigSource.file(".streamlit/secrets.toml", 7)).hasToString(".streamlit/secrets.toml:7");
    }

    @Test
    void anOptionReadsAsOption() {
        assertThat(ConfigSource.OPTION).hasToString("option");
        assertThat(ConfigSource.NONE).hasToString("nowhere");
    }

    @Test
    void aLocationWithoutLinesReadsAsTheLocationAlone() {
        assertThat(ConfigSource.file("secretsToml(text)", 0)).hasToString("secretsToml(text)");
    }

    @Test
    void equalByLocationAndLine() {
        assertThat(ConfigSource.file("a.toml", 3)).isEqualTo(new ConfigSource("a.toml", 3))
                .isNotEqualTo(ConfigSource.file("a.toml", 4));
    }

    @Test
    void rejectsANegativeLineAndANullLocation() {
        assertThatIllegalArgumentException().isThrownBy(() -> ConfigSource.file("a.toml", -1))
                .withMessage("line must not be negative: -1");
        assertThatNullPointerException().isThrownBy(() -> ConfigSource.file(null, 1)).withMessage("location");
    }
}
