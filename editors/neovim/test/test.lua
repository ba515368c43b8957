-- Loads editors/neovim/cablelint.lua exactly as a user would, opens a cable,
-- and checks: the filetype, that the server started by itself, that the
-- settings reached it (B004 turned into a hint through
-- workspace/configuration), that the diagnostic lands on the right byte
-- column of a line with CJK and 𠀋, that its quick fix gives exactly the
-- expected bytes (LF or CRLF), and that the server then drops the finding.
-- Run by run.sh; exits non-zero with a message on failure.
local here = assert(os.getenv('TEST_DIR'))
local expected_path = assert(os.getenv('EXPECTED'))

local function fail(message)
  io.stderr:write('FAIL: ' .. message .. '\n')
  vim.cmd('cquit! 1')
end

local ok, err = pcall(function()
  package.path = here .. '/../?.lua;' .. package.path
  require('cablelint').setup({
    settings = { cablelint = { severity = { B004 = 'hint' } } },
  })
  vim.cmd('edit ' .. vim.fn.fnameescape(assert(os.getenv('CABLE'))))
  local bufnr = vim.api.nvim_get_current_buf()
  if vim.bo[bufnr].filetype ~= 'cable' then fail('filetype is ' .. vim.bo[bufnr].filetype) end

  local function b004()
    local found = {}
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      local lsp = d.user_data and d.user_data.lsp or {}
      if lsp.code == 'B004' then table.insert(found, d) end
    end
    table.sort(found, function(a, b) return a.lnum < b.lnum end)
    return found
  end
  -- The server sends diagnostics once on open, then again after it has the settings.
  local hinted = vim.wait(30000, function()
    local found = b004()
    return #found == 2 and found[1].severity == vim.diagnostic.severity.HINT
  end, 50)
  if not hinted then
    fail('expected two B004 hints (settings applied), got ' .. vim.inspect(vim.diagnostic.get(bufnr)))
  end
  local clients = vim.lsp.buf_get_clients(bufnr)
  local client
  for _, c in pairs(clients) do client = c end
  if not client or client.name ~= 'cablelint' then fail('no cablelint client attached') end

  -- The first B004 is on a line with CJK and 𠀋 (outside the BMP): the
  -- server counts UTF-16 units, Neovim turns them into byte columns, and both
  -- must land on the `[`.
  local d = b004()[1]
  local first_line = vim.api.nvim_buf_get_lines(bufnr, 0, 1, true)[1]
  local bracket = first_line:find('%[%]') - 1
  if d.lnum ~= 0 or d.col ~= bracket then
    fail(('diagnostic at %d:%d, `[]` is at 0:%d'):format(d.lnum, d.col, bracket))
  end
  if d.source ~= 'cablelint' then fail('source is ' .. tostring(d.source)) end

  -- Its quick fix; Neovim converts the byte columns back to UTF-16 for the request.
  local params = vim.lsp.util.make_given_range_params(
    { d.lnum + 1, d.col }, { d.end_lnum + 1, d.end_col }, bufnr, 'utf-16')
  params.context = { diagnostics = {}, only = { 'quickfix' } }
  local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', params, 10000) or {}
  local action
  for _, r in pairs(responses) do
    for _, a in ipairs(r.result or {}) do
      if a.edit and a.title:find('empty') then action = action or a end
    end
  end
  if not action then fail('no quick fix for B004: ' .. vim.inspect(responses)) end
  vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding or 'utf-16')

  -- Exactly the expected bytes: in a CRLF file Neovim keeps lines without
  -- '\r' and writes them back with it.
  local eol = vim.bo[bufnr].fileformat == 'dos' and '\r\n' or '\n'
  local got = table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, true), eol) .. eol
  local file = assert(io.open(expected_path, 'rb'))
  local want = file:read('*a')
  file:close()
  if got ~= want then fail('buffer after the fix:\n' .. got .. '\nexpected:\n' .. want) end

  -- The server saw the edit: only the other finding is left.
  local settled = vim.wait(20000, function()
    local found = b004()
    return #found == 1 and found[1].lnum == 3
  end, 20)
  if not settled then fail('diagnostics after the fix: ' .. vim.inspect(vim.diagnostic.get(bufnr))) end
end)
if not ok then fail(tostring(err)) end
io.stdout:write('ok: editors/neovim/cablelint.lua (filetype, autostart, settings, positions, quick fix, exact text)\n')
vim.cmd('qall!')
