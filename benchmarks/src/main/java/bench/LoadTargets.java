package bench;

import bench.targets.WovenTarget;

/** Loads and calls the woven target once, in a child JVM that dumps the woven class. */
public final class LoadTargets {
    private LoadTargets() {
    }

    public static void main(String[] args) {
        System.out.println(new WovenTarget().compute(1));
    }
}
