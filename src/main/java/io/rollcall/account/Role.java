package io.rollcall.account;

/** A person's role at one school, from the file's isTeacher column (1 = instructor). */
public enum Role {
    STUDENT,
    INSTRUCTOR;

    public static Role ofIsTeacher(boolean isTeacher) {
        return isTeacher ? INSTRUCTOR : STUDENT;
    }
}
