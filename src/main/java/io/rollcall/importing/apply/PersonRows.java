package io.rollcall.importing.apply;

/** How often a file may name one person. */
public enum PersonRows {
    /** A Rollcall CSV file: once; a second row with the same email is DUPLICATE_EMAIL. */
    ONE,
    /**
     * A OneRoster bundle: once per school (a teacher at two schools is a row at each); a second row
     * with the same email at the same school is DUPLICATE_EMAIL. The account is made, named and
     * welcomed once, from the person's first row.
     */
    ONE_PER_SCHOOL
}
