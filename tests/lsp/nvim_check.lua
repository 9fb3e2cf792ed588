-- Headless Neovim 0.7 as a real LSP client for stlint (driven by test_neovim.py).
local out = function(s) io.stdout:write(s .. "\n") end
local python = os.getenv("STLINT_PY")
local cmd = vim.split(os.getenv("STLINT_CMD"), "\t")
local ok_all = true

vim.cmd("edit " .. os.getenv("STLINT_FILE"))
local bufnr = vim.api.nvim_get_current_buf()
vim.bo[bufnr].filetype = "hocon"
local client_id = vim.lsp.start_client({ name = "stlint", cmd = cmd, root_dir = vim.fn.getcwd() })
if not client_id then out("FAIL start_client"); vim.cmd("cq 1") end
vim.lsp.buf_attach_client(bufnr, client_id)
local uri = vim.uri_from_bufnr(bufnr)

local function diags()
  local t = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(t, string.format("%d:%d-%d:%d %s %s", d.lnum, d.col, d.end_lnum, d.end_col, tostring(d.code), tostring(d.source)))
  end
  table.sort(t)
  return t
end

if vim.wait(15000, function() return #vim.diagnostic.get(bufnr) > 0 end, 20) then
  for _, l in ipairs(diags()) do out("DIAG " .. l) end
else out("FAIL no diagnostics"); ok_all = false end

-- quick fix for the first diagnostic with a fix, applied like an editor would
local target
for _, d in ipairs(vim.diagnostic.get(bufnr)) do if d.code == "unknown-section" then target = d end end
if target then
  local lspd = target.user_data and target.user_data.lsp
  if os.getenv('STLINT_DEBUG') then out('LSPD ' .. vim.inspect(lspd)) end
  local r = vim.lsp.buf_request_sync(bufnr, "textDocument/codeAction", {
    textDocument = { uri = uri },
    range = { start = { line = target.lnum, character = target.col }, ["end"] = { line = target.end_lnum, character = target.end_col } },
    -- 0.7 keeps only part of the LSP diagnostic in user_data; rebuild a full one
    context = { diagnostics = { { range = { start = { line = target.lnum, character = target.col },
      ["end"] = { line = target.end_lnum, character = target.end_col } }, message = target.message,
      severity = target.severity, source = target.source, code = lspd and lspd.code, data = lspd and lspd.data } } } }, 10000)
  local applied = false
  for _, res in pairs(r or {}) do
    for _, a in ipairs(res.result or {}) do
      out("ACTION " .. a.title)
      if not applied and a.edit and a.title:find("rename to") then
        vim.lsp.util.apply_workspace_edit(a.edit, "utf-16")
        applied = true
      end
    end
  end
  if not applied then out("FAIL no quick fix applied"); ok_all = false end
  local gone = vim.wait(10000, function()
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do if d.code == "unknown-section" then return false end end
    return true
  end, 20)
  if not gone then out("FAIL diagnostic still there after the fix"); ok_all = false end
  out("TEXT " .. table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), "|"))
  for _, l in ipairs(diags()) do out("AFTER " .. l) end
else out("FAIL no unknown-section diagnostic"); ok_all = false end

-- completion inside the sink section (line 5 is "  Con")
local resp = vim.lsp.buf_request_sync(bufnr, "textDocument/completion",
  { textDocument = { uri = uri }, position = { line = 5, character = 5 } }, 10000)
local labels = {}
for _, r in pairs(resp or {}) do
  if r.err then out("FAIL completion " .. vim.inspect(r.err)); ok_all = false end
  for _, it in ipairs((r.result and (r.result.items or r.result)) or {}) do table.insert(labels, it.label) end
end
table.sort(labels)
out("COMPLETION " .. table.concat(labels, ","))

-- hover on `parallelism` (line 1): the description from the catalog
local hov = vim.lsp.buf_request_sync(bufnr, "textDocument/hover",
  { textDocument = { uri = uri }, position = { line = 1, character = 4 } }, 10000)
local htext = ""
for _, r in pairs(hov or {}) do
  local c = r.result and r.result.contents
  if type(c) == "table" then htext = htext .. (c.value or table.concat(vim.tbl_map(function(x)
    return type(x) == "table" and (x.value or "") or tostring(x) end, c), " ")) end
end
out("HOVER " .. htext:gsub("\n", " "))

-- the catalog version a status line would show (the request VS Code's status bar uses)
local ver = vim.lsp.buf_request_sync(bufnr, "stlint/catalogVersion", { uri = uri }, 10000)
for _, r in pairs(ver or {}) do
  if r.result then out("VERSION " .. r.result.version .. " " .. r.result.source) end
end

-- second buffer (STLINT_FILE2): a did-you-mean quick fix, then "format document" on a messy file
local file2 = os.getenv("STLINT_FILE2")
if file2 then
  vim.o.hidden = true -- the first buffer has unsaved changes
  vim.cmd("edit " .. file2)
  local b2 = vim.api.nvim_get_current_buf()
  vim.bo[b2].filetype = "hocon"
  vim.bo[b2].expandtab = true -- formatting options come from these: tabSize 2, insertSpaces
  vim.bo[b2].shiftwidth = 2
  vim.lsp.buf_attach_client(b2, client_id)
  local uri2 = vim.uri_from_bufnr(b2)
  local function find(code)
    for _, d in ipairs(vim.diagnostic.get(b2)) do if d.code == code then return d end end
  end
  if not vim.wait(15000, function() return find("unknown-option") ~= nil end, 20) then
    out("FAIL no unknown-option diagnostic in file2"); ok_all = false
  end
  local d = find("unknown-option")
  if d then
    out("DYM " .. d.message)
    local lspd = d.user_data and d.user_data.lsp
    local range = { start = { line = d.lnum, character = d.col }, ["end"] = { line = d.end_lnum, character = d.end_col } }
    local r = vim.lsp.buf_request_sync(b2, "textDocument/codeAction", { textDocument = { uri = uri2 }, range = range,
      context = { diagnostics = { { range = range, message = d.message, severity = d.severity, source = d.source,
        code = lspd and lspd.code, data = lspd and lspd.data } } } }, 10000)
    local chosen
    for _, res in pairs(r or {}) do
      for _, a in ipairs(res.result or {}) do
        out("ACTION2 " .. a.title)
        -- the did-you-mean's action (one candidate: the rule's own fix; several: one "replace with" each)
        if not chosen and a.edit and (a.title:find("`query`", 1, true) or a.title:find("replace with query", 1, true)) then chosen = a end
      end
    end
    if chosen then
      out("CHOSEN " .. chosen.title)
      vim.lsp.util.apply_workspace_edit(chosen.edit, "utf-16")
    else out("FAIL no did-you-mean action with an edit"); ok_all = false end
    -- the fix is in once the server has re-linted the new text: neither finding is left
    if not vim.wait(10000, function() return find("unknown-option") == nil and find("missing-required-option") == nil end, 20) then
      out("FAIL unknown-option/missing-required-option still there after the fix"); ok_all = false
    end
    out("FIXED " .. table.concat(vim.api.nvim_buf_get_lines(b2, 0, -1, false), "|"))
  end
  -- Neovim 0.8+: vim.lsp.buf.format; 0.7 has formatting_sync (both synchronous here)
  local function format()
    if vim.lsp.buf.format then vim.lsp.buf.format({ bufnr = b2, timeout_ms = 10000 })
    else vim.lsp.buf.formatting_sync(nil, 10000) end
  end
  format()
  out("FORMATTED " .. table.concat(vim.api.nvim_buf_get_lines(b2, 0, -1, false), "|"))
  format()
  out("FORMATTED2 " .. table.concat(vim.api.nvim_buf_get_lines(b2, 0, -1, false), "|"))
end

vim.lsp.stop_client(client_id)
vim.wait(3000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 50)
out(ok_all and "RESULT OK" or "RESULT FAIL")
vim.cmd(ok_all and "qa!" or "cq 1")
