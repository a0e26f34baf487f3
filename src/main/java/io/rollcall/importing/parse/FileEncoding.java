package io.rollcall.importing.parse;

import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.modulith.NamedInterface;

/**
 * The character sets an uploader may choose for a file (the contract's {@code encoding} field),
 * or {@link #AUTO} to let Rollcall detect it.
 */
@NamedInterface("file-encoding")
public enum FileEncoding {
    AUTO("auto", null),
    UTF_8("utf-8", "UTF-8"),
    WINDOWS_1252("windows-1252", "windows-1252"),
    MACINTOSH("macintosh", "x-MacRoman"),
    UTF_16("utf-16", "UTF-16");

    private final String label;
    private final String charsetName;

    FileEncoding(String label, String charsetName) {
        this.label = label;
        this.charsetName = charsetName;
    }

    /** The name the contract and the API use: {@code utf-8}, {@code macintosh}... */
    public String label() {
        return label;
    }

    Charset charset() {
        return Charset.forName(charsetName);
    }

    /** The choice a field names, in any case; blank or absent is {@link #AUTO}. */
    public static Optional<FileEncoding> parse(String value) {
        if (value == null || value.isBlank()) {
            return Optional.of(AUTO);
        }
        var wanted = value.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(encoding -> encoding.label.equals(wanted)).findFirst();
    }

    /** The accepted values, for a message: "auto, utf-8, windows-1252, macintosh, utf-16". */
    public static String labels() {
        return Arrays.stream(values()).map(FileEncoding::label).collect(Collectors.joining(", "));
    }

    /** The contract's name of a character set Rollcall reads files in ({@code x-MacRoman} is {@code macintosh}). */
    public static String labelOf(Charset charset) {
        return switch (charset.name()) {
            case "UTF-8" -> UTF_8.label;
            case "windows-1252" -> WINDOWS_1252.label;
            case "x-MacRoman" -> MACINTOSH.label;
            case "UTF-16LE", "UTF-16BE", "UTF-16" -> UTF_16.label;
            default -> charset.name().toLowerCase(Locale.ROOT);
        };
    }
}
