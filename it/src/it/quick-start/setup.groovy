evaluate(new File(itScripts, "history.groovy"))
