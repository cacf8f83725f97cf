package org.belladonna.cli;

import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

/** A command that runs a surrogate on one picture: where the models are, and the picture. */
abstract class OneImageCommand implements Callable<Integer> {
    @Mixin
    ModelsDirOption models;

    @Mixin
    ImageArgument image;
}
