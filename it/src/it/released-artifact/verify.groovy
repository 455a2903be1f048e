String log = new File(basedir, 'build.log').text
assert log.contains('update: 1 class(es) of org.example.it:released:1.0 differ from refs/tags/v1.0 compiled from git (demo.Clock)')
String descriptor = new java.util.zip.ZipFile(new File(basedir, 'target/released-1.1-SNAPSHOT-update.jar')).with { z ->
    z.getInputStream(z.getEntry('META-INF/liveupdate/update.json')).text
}
assert descriptor.contains('"artifact" : "org.example.it:released:1.0"')
assert descriptor.contains('"level" : "HOTSWAP"')
assert log.count('update: wrote target/released-1.1-SNAPSHOT-update.jar') == 2 : 'online and offline'
return true
