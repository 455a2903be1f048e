evaluate(new File(itScripts, "history.groovy"))

// Replace the history by a shallow clone of its last commit: the tag v1.0 is not in it.
File full = new File(basedir, 'history/full.git')
assert new File(basedir, '.git').renameTo(full)
def clone = new ProcessBuilder('git', 'clone', '-q', '--depth', '1', '--no-checkout', 'file://' + full.absolutePath,
        new File(basedir, 'history/shallow').path).redirectErrorStream(true).start()
String out = clone.inputStream.text
assert clone.waitFor() == 0 : out
assert new File(basedir, 'history/shallow/.git').renameTo(new File(basedir, '.git'))
return true
