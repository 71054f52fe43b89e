// `require('seedgrad')` lands here: seedgrad ships ES modules only, which the require of
// Node 20 cannot load, so this says how to load it, in one line.
throw new Error("seedgrad is an ES module: use `import { tensor } from 'seedgrad'` (in CommonJS: `const seedgrad = await import('seedgrad')`)");
