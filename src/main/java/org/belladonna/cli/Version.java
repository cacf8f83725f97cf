package org.belladonna.cli;

import org.belladonna.app.Versions;
import picocli.CommandLine.IVersionProvider;

/** Every command's {@code --version}: the build's version, filtered in from pom.xml. */
public final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"belladonna " + Versions.APP};
    }
}
