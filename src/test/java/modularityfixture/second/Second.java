package modularityfixture.second;

public class Second {

    public String name() {
        return "second";
    }
}
