package dev.tviews.common;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The upgrade steps of the runtime and the chain of them that leads from an installed version to this one
 * ({@code target}), as PostgreSQL chains an extension's {@code <from>--<to>.sql} scripts: the fewest steps.
 * A step leads forward only (its {@code to} is newer than its {@code from}); the runtime is never downgraded.
 */
public final class RuntimeUpgradePath {

    private static final Pattern VERSION = Pattern.compile("\\d+\\.\\d+\\.\\d+");
    /** Oldest first, by major, minor and patch. */
    private static final Comparator<String> OLDEST_FIRST = Comparator.comparing(RuntimeUpgradePath::parts, Arrays::compare);

    private final List<RuntimeUpgradeStep> steps;
    private final String target;

    /**
     * @param steps  every upgrade step shipped with the runtime
     * @param target the version the runtime installs
     * @throws IllegalStateException when a step leads backwards or two steps join the same versions
     */
    public RuntimeUpgradePath(List<RuntimeUpgradeStep> steps, String target) {
        Objects.requireNonNull(target, "target");
        List<RuntimeUpgradeStep> sorted = new ArrayList<>(steps);
        sorted.sort(Comparator.comparing(RuntimeUpgradeStep::from, OLDEST_FIRST)
                .thenComparing(RuntimeUpgradeStep::to, OLDEST_FIRST));
        for (int i = 0; i < sorted.size(); i++) {
            RuntimeUpgradeStep step = sorted.get(i);
            if (OLDEST_FIRST.compare(step.from(), step.to()) >= 0) {
                throw new IllegalStateException("Upgrade step " + step.file() + " does not lead to a newer version: "
                        + "name it <older>--<newer>.sql.");
            }
            if (i > 0 && sorted.get(i - 1).from().equals(step.from()) && sorted.get(i - 1).to().equals(step.to())) {
                throw new IllegalStateException("Two upgrade steps lead from " + step.from() + " to " + step.to() + ": "
                        + sorted.get(i - 1).file() + " and " + step.file() + "; keep one.");
            }
        }
        this.steps = List.copyOf(sorted);
        this.target = target;
    }

    /** Every step, oldest {@code from} first: an order in which every chain runs its steps. */
    public List<RuntimeUpgradeStep> steps() {
        return steps;
    }

    /** The version the chains lead to. */
    public String target() {
        return target;
    }

    /**
     * The steps that upgrade an install of {@code installed} to the target, in the order they run; none for a
     * fresh install ({@code null}) and for the target itself.
     *
     * @throws TViewsException when no chain of steps leads from {@code installed} to the target
     */
    public List<RuntimeUpgradeStep> from(String installed) {
        if (installed == null) {
            return List.of();
        }
        return chain(installed).orElseThrow(() -> new TViewsException(noChain(installed)));
    }

    /** The older versions this runtime upgrades, oldest first. */
    public List<String> upgradable() {
        return steps.stream().map(RuntimeUpgradeStep::from).distinct()
                .filter(version -> !version.equals(target) && chain(version).isPresent())
                .collect(Collectors.toList());
    }

    /** The installed versions whose chain runs {@code step}, oldest first. */
    public List<String> installsRunning(RuntimeUpgradeStep step) {
        return upgradable().stream().filter(version -> chain(version).orElseThrow().contains(step))
                .collect(Collectors.toList());
    }

    /** The fewest steps from {@code installed} to the target (breadth first), if any lead there. */
    private Optional<List<RuntimeUpgradeStep>> chain(String installed) {
        Map<String, List<RuntimeUpgradeStep>> reached = new HashMap<>();
        reached.put(installed, List.of());
        Deque<String> pending = new ArrayDeque<>(List.of(installed));
        while (!pending.isEmpty()) {
            String version = pending.removeFirst();
            List<RuntimeUpgradeStep> path = reached.get(version);
            if (version.equals(target)) {
                return Optional.of(path);
            }
            for (RuntimeUpgradeStep step : steps) {
                if (step.from().equals(version) && !reached.containsKey(step.to())) {
                    List<RuntimeUpgradeStep> longer = new ArrayList<>(path);
                    longer.add(step);
                    reached.put(step.to(), List.copyOf(longer));
                    pending.addLast(step.to());
                }
            }
        }
        return Optional.empty();
    }

    private String noChain(String installed) {
        if (VERSION.matcher(installed).matches() && OLDEST_FIRST.compare(installed, target) > 0) {
            return "The installed tviews runtime (" + installed + ") is newer than this tviews (runtime " + target
                    + "), which does not downgrade it: use tviews " + installed + " or newer with this database.";
        }
        List<String> upgradable = upgradable();
        return "The installed tviews runtime (" + installed + ") is one this tviews (runtime " + target
                + ") cannot upgrade: it upgrades " + (upgradable.isEmpty() ? "no older version" : String.join(", ", upgradable))
                + ". Upgrade it with a tviews release that upgrades " + installed + " first, then with this one"
                + " (a development build that changed the runtime version lacks the upgrade step: add "
                + RuntimeScript.RESOURCE_DIRECTORY + "upgrade/" + installed + "--" + target + ".sql and list it in "
                + RuntimeScript.MANIFEST + ").";
    }

    private static int[] parts(String version) {
        if (!VERSION.matcher(version).matches()) {
            throw new IllegalStateException("Not a runtime version: " + version + " (expected major.minor.patch)");
        }
        String[] parts = version.split("\\.");
        return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2])};
    }
}
