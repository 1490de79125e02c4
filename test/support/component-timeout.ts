// A screen test takes 0.5–3 s on an idle machine; beside the build lane on two cores it can take
// several times that, and jest's 5 s default then fails a test that is only slow. (Jest 29 ignores
// `testTimeout` inside a project entry; a setup file's jest.setTimeout is what holds.)
jest.setTimeout(20_000)
