package org.planetrewards.cli;

import org.planetrewards.generate.HistoryGenerator;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;

@Command(name = "generate", mixinStandardHelpOptions = true, versionProvider = Rewards.Version.class, description = {
        "Writes a realistic random fact history (JSON Lines) to standard output, for benchmarks and tests.",
        "Starts 2026-03-01 (Asia/Shanghai). The same arguments always give the same bytes."})
final class GenerateCommand implements Callable<Integer> {
    private final Rewards root;

    @Option(names = "--members", required = true, paramLabel = "N", description = "how many members")
    int members;

    @Option(names = "--days", required = true, paramLabel = "D", description = "how many days")
    int days;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "random seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--profile", paramLabel = "P", defaultValue = "quiet",
            description = "quiet (default: members visit now and then) or dense (a busy campaign: most members check in"
                    + " and post every day)")
    String profile;

    GenerateCommand(Rewards root) {
        this.root = root;
    }

    @Override
    public Integer call() {
        PrintWriter err = root.err();
        if (members < 0 || days < 0) {
            err.println("rewards: --members and --days must not be negative");
            return Rewards.INVALID_INPUT;
        }
        HistoryGenerator.Density density;
        switch (profile) {
            case "quiet" -> density = HistoryGenerator.Density.QUIET;
            case "dense" -> density = HistoryGenerator.Density.DENSE;
            default -> {
                err.println("rewards: --profile must be quiet or dense, not \"" + profile + "\"");
                return Rewards.INVALID_INPUT;
            }
        }
        try {
            new HistoryGenerator(seed, members, days, density).write(root.out());
        } catch (IOException e) {
            err.println("rewards: " + e.getMessage());
            return 1;
        }
        return root.out().checkError() ? 1 : 0;
    }
}
