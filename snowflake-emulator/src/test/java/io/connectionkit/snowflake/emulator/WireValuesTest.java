package io.connectionkit.snowflake.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class WireValuesTest {

    @Test
    void readsEachBindTypeTheDriverSends() throws SnowflakeError {
        assertThat(WireValues.decodeBind("FIXED", "-12.50")).isEqualTo(new BigDecimal("-12.50"));
        assertThat(WireValues.decodeBind("REAL", "2.5")).isEqualTo(2.5);
        assertThat(WireValues.decodeBind("BOOLEAN", "true")).isEqualTo(true);
        assertThat(WireValues.decodeBind("BOOLEAN", "0")).isEqualTo(false);
        assertThat(WireValues.decodeBind("DATE", "1706918400000"))
                .isEqualTo(LocalDate.of(2024, 2, 3));
        assertThat(WireValues.decodeBind("TIME", "14706000000000"))
                .isEqualTo(LocalTime.of(4, 5, 6));
        assertThat(WireValues.decodeBind("TIMESTAMP_NTZ", "1706933106123456789"))
                .isEqualTo(LocalDateTime.of(2024, 2, 3, 4, 5, 6, 123_456_789));
        assertThat(WireValues.decodeBind("TIMESTAMP_LTZ", "-1500000000"))
                .isEqualTo(
                        OffsetDateTime.of(1969, 12, 31, 23, 59, 58, 500_000_000, ZoneOffset.UTC));
        assertThat(WireValues.decodeBind("TIMESTAMP_TZ", "1706925906000000000 1560"))
                .isEqualTo(OffsetDateTime.of(2024, 2, 3, 4, 5, 6, 0, ZoneOffset.ofHours(2)));
        assertThat((byte[]) WireValues.decodeBind("BINARY", "CAFE")).containsExactly(0xCA, 0xFE);
        assertThat(WireValues.decodeBind("ANY", null)).isNull();
    }

    @Test
    void refusesABindItCannotRead() {
        SnowflakeError error =
                catchThrowableOfType(
                        SnowflakeError.class, () -> WireValues.decodeBind("FIXED", "forty-two"));

        assertThat(error.code()).isEqualTo("100038");
    }

    @Test
    void writesValuesAsTheDriverReadsThem() {
        assertThat(WireValues.encode(new BigDecimal("1.50"), SnowflakeType.FIXED))
                .isEqualTo("1.50");
        assertThat(WireValues.encode(true, SnowflakeType.BOOLEAN)).isEqualTo("1");
        assertThat(WireValues.encode(LocalDate.of(1970, 1, 2), SnowflakeType.DATE)).isEqualTo("1");
        assertThat(WireValues.encode(LocalTime.of(0, 0, 1, 5), SnowflakeType.TIME))
                .isEqualTo("1.000000005");
        assertThat(
                        WireValues.encode(
                                LocalDateTime.of(1969, 12, 31, 23, 59, 58, 500_000_000),
                                SnowflakeType.TIMESTAMP_NTZ))
                .isEqualTo("-1.500000000");
        assertThat(
                        WireValues.encode(
                                OffsetDateTime.of(1970, 1, 1, 2, 0, 0, 0, ZoneOffset.ofHours(2)),
                                SnowflakeType.TIMESTAMP_TZ))
                .isEqualTo("0.000000000 1560");
        assertThat(WireValues.encode(new byte[] {(byte) 0xCA, (byte) 0xFE}, SnowflakeType.BINARY))
                .isEqualTo("CAFE");
        assertThat(WireValues.encode(null, SnowflakeType.TEXT)).isNull();
    }
}
