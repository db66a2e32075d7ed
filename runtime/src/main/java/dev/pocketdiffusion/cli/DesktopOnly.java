package dev.pocketdiffusion.cli;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks desktop-only code (java.awt, javax.imageio) in the CLI package. The build's Android API 26
 * check (animal-sniffer) skips types carrying it and checks everything else.
 */
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface DesktopOnly {}
