package bench.startup;

/** The generated application's main: loads and initializes gen.p{i/100}.C{i} for i below args[0]. */
public final class StartupMain {
    private StartupMain() {
    }

    public static void main(String[] args) throws Exception {
        int count = Integer.parseInt(args[0]);
        ClassLoader loader = StartupMain.class.getClassLoader();
        long sum = 0;
        for (int i = 0; i < count; i++) {
            Class<?> c = Class.forName("gen.p" + (i / 100) + ".C" + i, true, loader);
            sum += c.getField("value").getInt(null);
        }
        System.out.println("loaded " + count + " classes, checksum " + sum);
    }
}
