package org.neuroloop.deploy.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.neuroloop.deploy.config.ConfigException;
import org.neuroloop.deploy.config.ConfigResolver;
import org.neuroloop.deploy.config.ResolvedConfig;
import org.neuroloop.deploy.config.ResolvedConfigYaml;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code neuroloop check CONFIG.yaml}: resolves a session config and prints it with every default, or its error. */
@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        description = "Resolve a session config and print it with every default applied (or the error, exit 2).")
public final class CheckCommand implements Callable<Integer> {

    @Parameters(index = "0", description = "Session config (YAML).")
    Path config;

    @Override
    public Integer call() {
        ResolvedConfig resolved;
        try {
            resolved = ConfigResolver.load(config);
        } catch (ConfigException e) {
            System.err.println("neuroloop check: " + e.getMessage());
            return 2;
        }
        System.out.print(ResolvedConfigYaml.yaml(resolved));
        return 0;
    }
}
