import InspectorateApp

await InspectorateCommand.runMain()
