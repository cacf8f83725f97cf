package org.belladonna.cli;

import picocli.CommandLine.Command;

/** Parent of the model-file commands. */
@Command(name = "models", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "List and install the pretrained model files.",
        subcommands = {ModelsListCommand.class, ModelsPullCommand.class, ModelsVerifyCommand.class})
public final class ModelsCommand {
}
