-- A second LSP client: headless Neovim (Debian's, 0.7 or later) starts the docker-harden
-- language server, opens each file given in DH_FILES (path=filetype, separated by ';'),
-- waits for diagnostics and writes what it received to DH_RESULTS. Exits 0 when every file
-- received at least one docker-harden diagnostic, 1 otherwise.
local server = os.getenv('DH_SERVER')
local results_path = os.getenv('DH_RESULTS')
local failures = 0
local lines = {}

for spec in string.gmatch(os.getenv('DH_FILES'), '[^;]+') do
  local file, filetype = string.match(spec, '^(.*)=(.*)$')
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local buf = vim.api.nvim_get_current_buf()
  vim.api.nvim_buf_set_option(buf, 'filetype', filetype)
  local client_id = vim.lsp.start_client({
    name = 'docker-harden',
    cmd = { 'node', server, '--stdio' },
    root_dir = vim.fn.fnamemodify(file, ':p:h'),
  })
  vim.lsp.buf_attach_client(buf, client_id)
  local received = vim.wait(30000, function() return #vim.diagnostic.get(buf) > 0 end, 100)
  local diagnostics = vim.diagnostic.get(buf)
  if not received then failures = failures + 1 end
  table.insert(lines, string.format('%s (%s): %d diagnostics', file, filetype, #diagnostics))
  for _, d in ipairs(diagnostics) do
    table.insert(lines, string.format('  %d:%d %s [%s] %s', d.lnum + 1, d.col + 1, d.source or '?', tostring(d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) or '?'), d.message))
  end
end

vim.fn.writefile(lines, results_path)
vim.lsp.stop_client(vim.lsp.get_active_clients())
vim.cmd((failures == 0) and 'qa!' or 'cquit 1')
