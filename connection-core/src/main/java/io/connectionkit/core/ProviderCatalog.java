package io.connectionkit.core;

import io.connectionkit.api.BaseConnection;
import io.connectionkit.api.ConnectionException;
import io.connectionkit.api.ConnectionProvider;
import io.connectionkit.core.ProviderScan.Found;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The connectors found with {@link java.util.ServiceLoader}, loaded once. A provider that fails
 * to load is recorded and logged once at WARN; the others keep working.
 *
 * <p>Names (types and aliases) are matched case-sensitively, exactly as the provider gives them,
 * as Streamlit matches its {@code type} names. Two providers claiming one name is an error for
 * that name only: both are marked {@link ProviderInfo.Status#CONFLICT}, {@link #find} throws for
 * the name, and their other names still resolve.
 *
 * <p>Immutable once loaded, so safe to share between threads.
 */
final class ProviderCatalog {

    private static final Logger LOG = LoggerFactory.getLogger(ProviderCatalog.class);

    private final List<ProviderInfo> infos;
    private final Map<String, ConnectionProvider> byName;
    private final Map<String, String> conflicts;
    private final Set<String> names;
    private final Map<Class<?>, ConnectionProvider> byConnectionClass;
    private final List<ConnectionProvider> usable;

    private ProviderCatalog(List<Found> found) {
        Map<String, List<Found>> claims = new TreeMap<>();
        for (Found provider : found) {
            for (String name : provider.names()) {
                claims.computeIfAbsent(name, k -> new ArrayList<>(1)).add(provider);
            }
        }
        Map<String, ConnectionProvider> unique = new HashMap<>();
        Map<String, String> conflicting = new LinkedHashMap<>();
        Map<Found, List<String>> conflictsOf = new IdentityHashMap<>();
        claims.forEach((name, claimants) -> {
            if (claimants.size() == 1) {
                unique.put(name, claimants.get(0).provider());
                return;
            }
            String message = conflictMessage(name, claimants);
            conflicting.put(name, message);
            claimants.forEach(claimant -> conflictsOf.computeIfAbsent(claimant, k -> new ArrayList<>()).add(message));
        });
        Map<Class<?>, ConnectionProvider> byClass = new HashMap<>();
        List<ProviderInfo> listing = new ArrayList<>();
        List<ConnectionProvider> usableProviders = new ArrayList<>();
        for (Found provider : found) {
            if (provider.usable()) {
                byClass.putIfAbsent(provider.connectionClass(), provider.provider());
                usableProviders.add(provider.provider());
            }
            listing.add(info(provider, conflictsOf.get(provider)));
        }
        this.infos = List.copyOf(listing);
        this.byName = Map.copyOf(unique);
        this.conflicts = Collections.unmodifiableMap(conflicting); // sorted by name, for the log
        this.names = Collections.unmodifiableSet(new TreeSet<>(claims.keySet()));
        this.byConnectionClass = Map.copyOf(byClass);
        this.usable = List.copyOf(usableProviders);
    }

    /** Every provider that loaded, also one whose name another claims: for the secrets each knows. */
    List<ConnectionProvider> usable() {
        return usable;
    }

    /**
     * Loads the providers visible to {@code classLoaders}, in order, each provider class once:
     * a class seen through several loaders (a parent and its child, say) counts once, as does
     * the same class name from the same jar. Never throws for a broken provider: it is recorded
     * as {@link ProviderInfo.Status#FAILED} and logged at WARN with its jar and a hint.
     */
    static ProviderCatalog load(List<ClassLoader> classLoaders) {
        Objects.requireNonNull(classLoaders, "classLoaders");
        ProviderScan scan = new ProviderScan();
        for (ClassLoader loader : classLoaders) {
            scan.scan(Objects.requireNonNull(loader, "class loader"));
        }
        ProviderCatalog catalog = new ProviderCatalog(scan.found());
        catalog.log(scan);
        return catalog;
    }

    /**
     * The provider whose type or alias is {@code name}, matched case-sensitively; empty when no
     * provider claims it (the registry reports the unknown type, listing {@link #names()}).
     *
     * @throws io.connectionkit.api.ConnectionException when two providers claim {@code name},
     *         naming both classes and their jars
     */
    Optional<ConnectionProvider> find(String name) {
        Objects.requireNonNull(name, "name");
        String conflict = conflicts.get(name);
        if (conflict != null) {
            throw new ConnectionException(conflict);
        }
        return Optional.ofNullable(byName.get(name));
    }

    /**
     * The provider whose {@code connectionClass()} is exactly {@code connectionClass}: the first
     * found when several are. A provider in conflict over a name still serves its class, which
     * is not ambiguous.
     */
    Optional<ConnectionProvider> forConnectionClass(Class<? extends BaseConnection<?>> connectionClass) {
        Objects.requireNonNull(connectionClass, "connectionClass");
        return Optional.ofNullable(byConnectionClass.get(connectionClass));
    }

    /** Every type and alias of the active and conflicting providers, sorted. */
    Set<String> names() {
        return names;
    }

    /** What was found, active and failed, in discovery order. */
    List<ProviderInfo> infos() {
        return infos;
    }

    private static ProviderInfo info(Found provider, List<String> conflictMessages) {
        ProviderInfo.Status status = !provider.usable() ? ProviderInfo.Status.FAILED
                : conflictMessages != null ? ProviderInfo.Status.CONFLICT
                : ProviderInfo.Status.ACTIVE;
        String failure = conflictMessages != null ? String.join(" ", conflictMessages) : provider.failure();
        return new ProviderInfo(provider.type(), provider.aliases(), provider.className(), provider.jar(),
                provider.version(), status, failure);
    }

    /**
     * {@code Connector name 'memo' is claimed by 2 providers: com.a.MemoProvider from /x/a.jar and
     * com.b.OtherProvider from /x/b.jar. Remove one of these jars from the class path.}
     */
    private static String conflictMessage(String name, List<Found> claimants) {
        List<String> who = new ArrayList<>();
        Set<String> jars = new TreeSet<>();
        for (Found claimant : claimants) {
            who.add(claimant.className() + " from " + claimant.jar());
            jars.add(claimant.jar());
        }
        String listed = String.join(", ", who.subList(0, who.size() - 1)) + " and " + who.get(who.size() - 1);
        String advice;
        if (jars.size() == 1) {
            advice = "All are listed in " + jars.iterator().next() + "; keep one in its "
                    + ProviderSources.SERVICES_FILE + ".";
        } else if (claimants.size() == 2) {
            advice = "Remove one of these jars from the class path.";
        } else {
            advice = "Remove all but one of these jars from the class path.";
        }
        return "Connector name '" + name + "' is claimed by " + claimants.size() + " providers: " + listed + ". " + advice;
    }

    private void log(ProviderScan scan) {
        for (Found provider : scan.found()) {
            String from = provider.jar() + (provider.version() == null ? "" : " " + provider.version());
            if (!provider.usable()) {
                String who = provider.className() == null ? "A connector" : "Connector " + provider.className();
                LOG.warn("{} from {} could not be loaded: {}", who, from, provider.failure());
                if (provider.error() != null) {
                    LOG.debug("The error behind that warning about {} from {}", provider.className(), from,
                            provider.error());
                }
            } else if (provider.names().stream().noneMatch(conflicts::containsKey)) {
                Set<String> aliases = provider.aliases();
                LOG.info("Registered connector type '{}'{} from {}", provider.type(),
                        aliases.isEmpty() ? "" : " (aliases " + aliases + ")", from);
            }
        }
        conflicts.values().forEach(LOG::warn);
        scan.warnings().forEach(LOG::warn);
    }
}
