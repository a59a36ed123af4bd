#!/usr/bin/env node
// The pinned, reproducible compile of hdp-contracts/src/main/solidity with the solc-js in tools/.
//
//   node compile.js --out DIR              writes DIR/<Contract>.json ({contractName, sourceName, abi,
//                                          bytecode, deployedBytecode, compiler}) for each deployable contract
//   node compile.js --out DIR --check REF  also fails (exit 1) when DIR differs from the committed REF
//   node compile.js --extract REF --to DIR writes DIR/<Contract>.abi and .bin from the artifacts in REF,
//                                          the input of web3j's wrapper generator (no compile);
//                                          with --package-info SRC also the wrappers' package-info.java
//
// Settings are fixed here (and recorded in every artifact), so a fresh compile equals the committed one.
'use strict';
const fs = require('fs');
const path = require('path');

const here = __dirname;
const moduleDir = path.resolve(here, '..');
const sourceDir = path.join(moduleDir, 'src', 'main', 'solidity');
const toolsDir = path.resolve(moduleDir, '..', 'tools');
const solc = require(path.join(toolsDir, 'node_modules', 'solc'));

const CONTRACTS = ['HdpExecutionStore', 'HeadersAccumulator', 'DevFactsRegistry'];
const SETTINGS = {
  optimizer: { enabled: true, runs: 20000 },
  viaIR: true,
  evmVersion: 'cancun',
  metadata: { bytecodeHash: 'none', appendCBOR: false },
  outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object'] } },
};

function arg(name) {
  const i = process.argv.indexOf(name);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : null;
}

function listSources(dir, prefix) {
  const out = {};
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const rel = prefix ? prefix + '/' + entry.name : entry.name;
    if (entry.isDirectory()) Object.assign(out, listSources(path.join(dir, entry.name), rel));
    else if (entry.name.endsWith('.sol')) out[rel] = { content: fs.readFileSync(path.join(dir, entry.name), 'utf8') };
  }
  return out;
}

if (arg('--extract')) {
  const from = arg('--extract');
  const to = arg('--to');
  fs.mkdirSync(to, { recursive: true });
  for (const name of CONTRACTS) {
    const artifact = JSON.parse(fs.readFileSync(path.join(from, name + '.json'), 'utf8'));
    fs.writeFileSync(path.join(to, name + '.abi'), JSON.stringify(artifact.abi));
    fs.writeFileSync(path.join(to, name + '.bin'), artifact.bytecode.replace(/^0x/, ''));
  }
  const wrappers = arg('--package-info');
  if (wrappers) {
    const dir = path.join(wrappers, 'dev', 'hdp', 'contracts', 'generated');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'package-info.java'),
      '/**\n * web3j wrappers of the contracts, generated at build time from the committed artifacts\n' +
      ' * (hdp-contracts/src/main/artifacts); never edited by hand.\n */\npackage dev.hdp.contracts.generated;\n');
  }
  process.exit(0);
}

const outDir = arg('--out');
const checkDir = arg('--check');
if (!outDir) {
  console.error('usage: compile.js --out DIR [--check COMMITTED_DIR]');
  process.exit(2);
}
const input = { language: 'Solidity', sources: listSources(sourceDir, ''), settings: SETTINGS };
const output = JSON.parse(solc.compile(JSON.stringify(input)));
const errors = (output.errors || []).filter((e) => e.severity === 'error');
for (const e of output.errors || []) console.error(e.formattedMessage);
if (errors.length > 0) process.exit(1);

fs.mkdirSync(outDir, { recursive: true });
const settingsRecord = Object.assign({}, SETTINGS);
delete settingsRecord.outputSelection;
for (const name of CONTRACTS) {
  const sourceName = name + '.sol';
  const compiled = output.contracts[sourceName] && output.contracts[sourceName][name];
  if (!compiled) {
    console.error('contract ' + name + ' not found in ' + sourceName);
    process.exit(1);
  }
  const artifact = {
    contractName: name,
    sourceName: sourceName,
    compiler: { solc: solc.version(), settings: settingsRecord },
    abi: compiled.abi,
    bytecode: '0x' + compiled.evm.bytecode.object,
    deployedBytecode: '0x' + compiled.evm.deployedBytecode.object,
  };
  fs.writeFileSync(path.join(outDir, name + '.json'), JSON.stringify(artifact, null, 2) + '\n');
}

if (checkDir) {
  const differing = [];
  for (const name of CONTRACTS) {
    const fresh = fs.readFileSync(path.join(outDir, name + '.json'), 'utf8');
    const committedPath = path.join(checkDir, name + '.json');
    const committed = fs.existsSync(committedPath) ? fs.readFileSync(committedPath, 'utf8') : '';
    if (fresh !== committed) differing.push(name);
  }
  if (differing.length > 0) {
    console.error('The committed artifacts in ' + checkDir + ' differ from a fresh compile: ' + differing.join(', ') +
      '.\nRun `node hdp-contracts/scripts/compile.js --out hdp-contracts/src/main/artifacts` and commit the result.');
    process.exit(1);
  }
  console.log('Contract artifacts match a fresh compile (' + CONTRACTS.join(', ') + ').');
}
