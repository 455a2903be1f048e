String log = new File(basedir, 'build.log').text
String descriptor(String module, String artifact) {
    new java.util.zip.ZipFile(new File(basedir, "${module}/target/${artifact}-1.0-update.jar")).with { z ->
        z.getInputStream(z.getEntry('META-INF/liveupdate/update.json')).text
    }
}
String core = descriptor('core', 'core')
assert core.contains('"level" : "ENHANCED"')
assert core.contains('"kind" : "METHOD_ADDED"') && core.contains('describe()Ljava/lang/String;')
assert log.contains('update: util: no class changed since v1.0; no unit')
assert !new File(basedir, 'util/target/util-1.0-update.jar').exists()
String app = descriptor('app', 'app')
assert app.contains('"name" : "demo.app.Banner"') && app.contains('"status" : "ADDED"')
assert log.contains('[LEVEL_TOO_HIGH] the update needs ENHANCED, above update.maxLevel HOTSWAP: demo.core.Service ENHANCED')
return true
