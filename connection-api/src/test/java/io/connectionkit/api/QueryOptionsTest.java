package io.connectionkit.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QueryOptionsTest {

    @Test
    void defaultsCacheWithTheRegistryTtlAndBindNothing() {
        QueryOptions defaults = QueryOptions.defaults();

        assertThat(defaults.isCached()).isTrue();
        assertThat(defaults.timeToLive()).isEmpty();
        assertThat(defaults.parameters()).isEmpty();
        assertThat(defaults.arguments()).isEmpty();
        assertThat(defaults).hasToString("QueryOptions[ttl=default]");
    }

    @Test
    void ttlCachesForThatLong() {
        QueryOptions options = QueryOptions.ttl(Duration.ofMinutes(10));

        assertThat(options.isCached()).isTrue();
        assertThat(options.timeToLive()).contains(Duration.ofMinutes(10));
        assertThat(options).hasToString("QueryOptions[ttl=PT10M]");
    }

    @Test
    void zeroTtlMeansNoCache() {
        QueryOptions options = QueryOptions.ttl(Duration.ZERO);

        assertThat(options.isCached()).isFalse();
        assertThat(options).isEqualTo(QueryOptions.noCache()).hasToString("QueryOptions[noCache]");
    }

    @Test
    void negativeTtlIsRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> QueryOptions.ttl(Duration.ofSeconds(-1)))
                .withMessage("ttl must not be negative: PT-1S");
        assertThatNullPointerException().isThrownBy(() -> QueryOptions.ttl(null)).withMessage("ttl");
    }

    @Test
    void withTtlKeepsTheParametersAndArguments() {
        QueryOptions held = QueryOptions.noCache().param("a", 1).args("x", new byte[] {2});

        QueryOptions tenMinutes = held.withTtl(Duration.ofMinutes(10));

        assertThat(tenMinutes.isCached()).isTrue();
        assertThat(tenMinutes.timeToLive()).contains(Duration.ofMinutes(10));
        assertThat(tenMinutes.parameters()).containsExactly(Map.entry("a", 1));
        assertThat(tenMinutes.arguments()).hasSize(2).startsWith("x");
        assertThat(tenMinutes).isEqualTo(QueryOptions.ttl(Duration.ofMinutes(10)).param("a", 1).args("x", new byte[] {2}))
                .hasToString("QueryOptions[ttl=PT10M, params=[a], args=2]");
        assertThat(held.isCached()).isFalse();
        assertThat(tenMinutes.withTtl(Duration.ofSeconds(5)).timeToLive()).contains(Duration.ofSeconds(5));
    }

    @Test
    void withTtlZeroIsNotCachedAndKeepsTheParameters() {
        QueryOptions options = QueryOptions.ttl(Duration.ofMinutes(10)).param("a", 1).args(2).withTtl(Duration.ZERO);

        assertThat(options.isCached()).isFalse();
        assertThat(options.timeToLive()).isEmpty();
        assertThat(options).isEqualTo(QueryOptions.noCache().param("a", 1).args(2))
                .hasToString("QueryOptions[noCache, params=[a], args=1]");
        assertThat(QueryOptions.defaults().withTtl(Duration.ZERO)).isEqualTo(QueryOptions.noCache());
    }

    @Test
    void withTtlRejectsANegativeOrMissingTtl() {
        QueryOptions options = QueryOptions.defaults().param("a", 1);

        assertThatIllegalArgumentException().isThrownBy(() -> options.withTtl(Duration.ofSeconds(-1)))
                .withMessage("ttl must not be negative: PT-1S");
        assertThatNullPointerException().isThrownBy(() -> options.withTtl(null)).withMessage("ttl");
    }

    /**
     * {@code options.ttl(d)} used to compile and return options without the parameters of
     * {@code options}. A static method of an interface cannot be called through an instance (JLS
     * 15.12.3), so that mistake no longer compiles as long as this holds.
     */
    @Test
    void theEntryPointsAreStaticMethodsOfAnInterfaceSoNoInstanceCanCallThem() {
        Set<String> entryPoints = Set.of("defaults", "ttl", "noCache");

        assertThat(QueryOptions.class.isInterface()).isTrue();
        assertThat(QueryOptions.class.isSealed()).isTrue();
        assertThat(QueryOptions.class.getDeclaredMethods()).filteredOn(method -> entryPoints.contains(method.getName()))
                .extracting(Method::getName).containsExactlyInAnyOrderElementsOf(entryPoints);
        assertThat(QueryOptions.class.getDeclaredMethods()).filteredOn(method -> entryPoints.contains(method.getName()))
                .allMatch(method -> Modifier.isStatic(method.getModifiers()), "static");
        for (Class<?> implementation : QueryOptions.class.getPermittedSubclasses()) {
            assertThat(Modifier.isPublic(implementation.getModifiers())).as("%s is public", implementation).isFalse();
            assertThat(implementation.getMethods()).as("methods callable on a %s", implementation)
                    .noneMatch(method -> entryPoints.contains(method.getName()));
        }
    }

    @Test
    void paramReturnsANewInstanceAndLeavesTheOriginalAlone() {
        QueryOptions base = QueryOptions.ttl(Duration.ofMinutes(1));

        QueryOptions withAge = base.param("age", 3);
        QueryOptions withOwner = withAge.param("owner", null).param("age", 4);

        assertThat(base.parameters()).isEmpty();
        assertThat(withAge.parameters()).containsExactly(Map.entry("age", 3));
        assertThat(withOwner.parameters()).containsEntry("age", 4).containsEntry("owner", null);
        assertThat(withOwner.parameters().keySet()).containsExactly("age", "owner");
        assertThat(withOwner.timeToLive()).contains(Duration.ofMinutes(1));
        assertThatThrownBy(() -> withAge.parameters().put("age", 5)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void parametersAreAMapEqualToTheSameEntriesInAnyMapFewOrMany() {
        for (int count : new int[] {1, 3, 16, 17, 40}) {
            QueryOptions options = QueryOptions.defaults();
            Map<String, Object> expected = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                Object value = i % 5 == 4 ? null : (Object) ("v" + i);
                options = options.param("p" + i, value);
                expected.put("p" + i, value);
            }
            Map<String, Object> parameters = options.parameters();

            assertThat(parameters).as("%d parameters", count).isEqualTo(expected).hasSameHashCodeAs(expected)
                    .hasSize(count).hasToString(expected.toString());
            assertThat(new ArrayList<>(parameters.keySet())).isEqualTo(new ArrayList<>(expected.keySet()));
            assertThat(parameters.containsKey("p0")).isTrue();
            assertThat(parameters.containsKey("missing")).isFalse();
            assertThat(parameters.get("missing")).isNull();
            if (count > 4) {
                assertThat(parameters.containsKey("p4")).as("a parameter set to null").isTrue();
                assertThat(parameters.get("p4")).isNull();
            }
            Iterator<Map.Entry<String, Object>> entries = parameters.entrySet().iterator();
            entries.next();
            assertThatThrownBy(entries::remove).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(parameters::clear).isInstanceOf(UnsupportedOperationException.class);
            assertThat(parameters).isEqualTo(expected);
        }
    }

    @Test
    void aReplacedParameterKeepsItsPlaceAndLeavesTheOptionsItCameFromAlone() {
        QueryOptions base = QueryOptions.defaults().param("a", 1).param("b", 2);

        QueryOptions replaced = base.param("a", 9);
        QueryOptions added = base.param("c", 3);

        assertThat(replaced.parameters()).containsExactly(Map.entry("a", 9), Map.entry("b", 2));
        assertThat(added.parameters()).containsExactly(Map.entry("a", 1), Map.entry("b", 2), Map.entry("c", 3));
        assertThat(base.parameters()).containsExactly(Map.entry("a", 1), Map.entry("b", 2));
        assertThat(replaced).isEqualTo(QueryOptions.defaults().param("b", 2).param("a", 9))
                .hasSameHashCodeAs(QueryOptions.defaults().param("b", 2).param("a", 9))
                .isNotEqualTo(base).isNotEqualTo(QueryOptions.defaults().param("a", 9).param("c", 2));
    }

    @Test
    void parametersAreAnImmutableMapInTheOrderGiven() {
        QueryOptions options = QueryOptions.defaults().param("z", 1).param("a", null).param("m", "x");
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("z", 1);
        expected.put("a", null);
        expected.put("m", "x");

        Map<String, Object> parameters = options.parameters();

        assertThat(parameters).isEqualTo(expected).hasSameHashCodeAs(expected);
        assertThat(parameters.keySet()).containsExactly("z", "a", "m");
        assertThat(parameters).containsEntry("a", null).doesNotContainKey("b");
        assertThatThrownBy(() -> parameters.remove("z")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(parameters::clear).isInstanceOf(UnsupportedOperationException.class);
        assertThat(QueryOptions.ttl(Duration.ofMinutes(1)).parameters()).isEmpty();
    }

    @Test
    void paramsAddsEveryEntry() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("age", 3);
        values.put("name", "Rex");

        QueryOptions options = QueryOptions.defaults().params(values);
        values.put("age", 99);

        assertThat(options.parameters()).containsExactly(Map.entry("age", 3), Map.entry("name", "Rex"));
        assertThatNullPointerException().isThrownBy(() -> QueryOptions.defaults().params(null)).withMessage("values");
    }

    @Test
    void argsAreCopiedAndImmutable() {
        Object[] values = {1, null, "x"};

        QueryOptions options = QueryOptions.noCache().args(values);
        values[0] = 2;

        assertThat(options.arguments()).containsExactly(1, null, "x");
        assertThat(options.isCached()).isFalse();
        assertThatThrownBy(() -> options.arguments().add(4)).isInstanceOf(UnsupportedOperationException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ":age", "1st", "owner name", "a-b", "age;drop"})
    void parameterNameMustBeAnIdentifier(String name) {
        assertThatIllegalArgumentException().isThrownBy(() -> QueryOptions.defaults().param(name, 1))
                .withMessage("Parameter name must be an identifier, such as :age; got '" + name + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"age", "_x", "owner_name2", "ownerName"})
    void identifiersAreAcceptedAsParameterNames(String name) {
        assertThat(QueryOptions.defaults().param(name, 1).parameters()).containsKey(name);
    }

    @Test
    void toStringNamesParametersButNeverTheirValues() {
        QueryOptions options = QueryOptions.ttl(Duration.ofSeconds(30)).param("email", "ada@example.com")
                .args("hunter2", 42);

        assertThat(options).hasToString("QueryOptions[ttl=PT30S, params=[email], args=2]");
        assertThat(options.toString()).doesNotContain("ada@example.com", "hunter2", "42");
    }

    @Test
    void equalWhenTtlCachingAndParametersAreEqual() {
        QueryOptions a = QueryOptions.ttl(Duration.ofMinutes(5)).param("x", 1).param("y", "two");
        QueryOptions sameInOtherOrder = QueryOptions.ttl(Duration.ofMinutes(5)).param("y", "two").param("x", 1);

        assertThat(a).isEqualTo(sameInOtherOrder).hasSameHashCodeAs(sameInOtherOrder);
        assertThat(a).isNotEqualTo(QueryOptions.ttl(Duration.ofMinutes(6)).param("x", 1).param("y", "two"));
        assertThat(a).isNotEqualTo(QueryOptions.ttl(Duration.ofMinutes(5)).param("x", 2).param("y", "two"));
        assertThat(QueryOptions.defaults()).isNotEqualTo(QueryOptions.noCache());
        assertThat(QueryOptions.defaults().args(1)).isNotEqualTo(QueryOptions.defaults().args(2));
    }

    @Test
    void arraysAreCopiedWhenGivenAndCompareByContent() {
        byte[] bytes = {1, 2, 3};
        Object[] nested = {new int[] {4, 5}, "six"};
        QueryOptions options = QueryOptions.defaults().param("b", bytes).args((Object) nested);
        bytes[0] = 9;
        ((int[]) nested[0])[0] = 9;

        assertThat((byte[]) options.parameters().get("b")).containsExactly(1, 2, 3);
        assertThat((Object[]) options.arguments().get(0)).containsExactly(new int[] {4, 5}, "six");
        QueryOptions same = QueryOptions.defaults().param("b", new byte[] {1, 2, 3}).args((Object) new Object[] {new int[] {4, 5}, "six"});
        assertThat(options).isEqualTo(same).hasSameHashCodeAs(same);
        assertThat(options).isNotEqualTo(QueryOptions.defaults().param("b", bytes).args((Object) nested));
        assertThat(QueryOptions.defaults().param("b", new byte[] {1}))
                .isNotEqualTo(QueryOptions.defaults().param("b", new Byte[] {1}));
    }

    @Test
    void collectionsAreCopiedWhenGivenSoALaterChangeIsNotSeen() {
        List<Object> ids = new ArrayList<>(List.of(1, 2));
        ids.add(null);
        QueryOptions options = QueryOptions.defaults().param("ids", ids).args(new ArrayList<>(ids));
        int hash = options.hashCode();

        ids.set(0, 99);

        assertThat(options.parameters().get("ids")).isEqualTo(Arrays.asList(1, 2, null));
        assertThat(options.arguments().get(0)).isEqualTo(Arrays.asList(1, 2, null));
        assertThat(options.hashCode()).isEqualTo(hash);
        assertThatThrownBy(() -> ((List<?>) options.parameters().get("ids")).clear())
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aNullValueDiffersFromAMissingOne() {
        QueryOptions withNull = QueryOptions.defaults().param("a", null);

        assertThat(withNull).isNotEqualTo(QueryOptions.defaults().param("b", null))
                .isEqualTo(QueryOptions.defaults().param("a", null));
    }

    @Test
    void timeoutBoundsEachRunAndEveryChainKeepsIt() {
        QueryOptions options = QueryOptions.ttl(Duration.ofMinutes(1)).timeout(Duration.ofSeconds(5));

        assertThat(options.timeout()).contains(Duration.ofSeconds(5));
        assertThat(options.param("a", 1).args("x").withTtl(Duration.ofMinutes(2)).timeout()).contains(Duration.ofSeconds(5));
        assertThat(options.withTtl(Duration.ZERO).timeout()).contains(Duration.ofSeconds(5));
        assertThat(options.withTtl(Duration.ZERO).isCached()).isFalse();
        assertThat(options).hasToString("QueryOptions[ttl=PT1M, timeout=PT5S]");
        assertThat(QueryOptions.defaults().timeout()).isEmpty();
    }

    @Test
    void zeroTimeoutMeansNoneAndANegativeOneIsRejected() {
        assertThat(QueryOptions.defaults().timeout(Duration.ofSeconds(3)).timeout(Duration.ZERO).timeout())
                .as("kept, to lift the connection's own").contains(Duration.ZERO);
        assertThatIllegalArgumentException().isThrownBy(() -> QueryOptions.defaults().timeout(Duration.ofMillis(-1)))
                .withMessage("timeout must not be negative: PT-0.001S");
        assertThatNullPointerException().isThrownBy(() -> QueryOptions.defaults().timeout(null)).withMessage("timeout");
    }

    @Test
    void theTimeoutIsNoPartOfTheCacheKey() {
        QueryOptions options = QueryOptions.ttl(Duration.ofMinutes(1)).param("a", 1);

        assertThat(options.timeout(Duration.ofSeconds(2))).isEqualTo(options).hasSameHashCodeAs(options);
    }
}
