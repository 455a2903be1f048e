import java.nio.file.Files

File unit = new File(basedir, 'target/hotswap-signed-1.0-update.jar')
File again = new File(basedir, 'target2/hotswap-signed-1.0-update.jar')
assert unit.isFile() && new File(basedir, 'target/hotswap-signed-1.0-update.jar.p7s').isFile()
assert Arrays.equals(unit.bytes, again.bytes): 'two builds of the same commit give the same unit'
assert Arrays.equals(new File(unit.path + '.p7s').bytes, new File(again.path + '.p7s').bytes)

String log = new File(basedir, 'build.log').text
assert log.contains('update: wrote target2/hotswap-signed-1.0-update.jar (unit ')
assert log.contains('1 classes at HOTSWAP')
assert log.contains('update: verified target2/hotswap-signed-1.0-update.jar')
assert log.contains('update: accepted target2/hotswap-signed-1.0-update.jar')

String descriptor = new java.util.zip.ZipFile(unit).with { z ->
    z.getInputStream(z.getEntry('META-INF/liveupdate/update.json')).text
}
assert descriptor.contains('"level" : "HOTSWAP"')
assert descriptor.contains('"status" : "CHANGED"')

String jarsigner = new File(System.getProperty('java.home'), 'bin/jarsigner').path
def p = new ProcessBuilder(jarsigner, '-verify', '-strict', '-keystore', 'key/release.p12', '-storepass', 'it-passphrase',
        unit.path).directory(basedir).redirectErrorStream(true).start()
String out = p.inputStream.text
assert p.waitFor() == 0 && out.contains('jar verified.'): out
return true
